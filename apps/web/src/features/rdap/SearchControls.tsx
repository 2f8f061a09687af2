import type { MetadataSummary } from "@netops/protocols/rdap";
import type { RdapParams } from "./params";

/**
 * RFC 8977 sort and RFC 8982 field-set selectors, filled from what the server said it offers
 * (`availableSorts`, `availableFieldSets`), never from a list of our own.
 */
export function SearchControls({
  metadata: m,
  params,
  onChange,
}: {
  metadata: Pick<
    MetadataSummary,
    "availableSorts" | "availableFieldSets" | "currentSort" | "currentFieldSet"
  >;
  params: RdapParams;
  onChange: (p: RdapParams) => void;
}) {
  const [prop = "", dir = "a"] = (params.sort || m.currentSort || "").split(",")[0]?.split(":") ?? [];
  const setSort = (p: string, d: string) => onChange({ ...params, sort: p ? `${p}:${d}` : "" });
  return (
    <fieldset className="filters-row">
      <legend className="sr-only">Sort and field set</legend>
      {m.availableSorts.length ? (
        <>
          <div className="field inline">
            <label htmlFor="rdap-sort">Sort by</label>
            <select id="rdap-sort" value={prop} onChange={(e) => setSort(e.target.value, dir)}>
              {prop ? null : <option value="">server default</option>}
              {m.availableSorts.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field inline">
            <label htmlFor="rdap-dir">Order</label>
            <select
              id="rdap-dir"
              value={dir}
              onChange={(e) => setSort(prop, e.target.value)}
              disabled={!prop}
            >
              <option value="a">ascending</option>
              <option value="d">descending</option>
            </select>
          </div>
        </>
      ) : (
        <span className="muted small">The server offers no sorting (RFC 8977).</span>
      )}
      {m.availableFieldSets.length ? (
        <div className="field inline">
          <label htmlFor="rdap-fieldset">Field set</label>
          <select
            id="rdap-fieldset"
            value={params.fieldSet || m.currentFieldSet || ""}
            onChange={(e) => onChange({ ...params, fieldSet: e.target.value })}
          >
            {m.availableFieldSets.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <span className="muted small">The server offers no field sets (RFC 8982).</span>
      )}
    </fieldset>
  );
}
