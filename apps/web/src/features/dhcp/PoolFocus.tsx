import { FieldError } from "../../components/FieldError";
import { ObjectAlerts } from "../alerts/ObjectAlerts";
import type { UrlStateIssues, UrlStateRaw } from "../../lib/urlState";
import type { DhcpPoolView } from "./PoolTable";

const range = (p: DhcpPoolView) => `${p.firstAddr}–${p.lastAddr}`;

/**
 * The pool in the address (`?pool=2`, where alerts link): a field to change it, the URL's error on
 * it when the value is not a pool id, and a line saying which pool is highlighted or that there is
 * no pool with that id.
 */
export function PoolFocus({
  pools,
  pool,
  issues,
  raw,
  onChange,
}: {
  pools: DhcpPoolView[];
  pool: number | null;
  issues: UrlStateIssues;
  raw: UrlStateRaw;
  onChange: (pool: number | null) => void;
}) {
  const focused = pool === null ? null : pools.find((p) => p.poolId === pool);
  const error = issues.pool;
  return (
    <div className="stack pool-focus">
      <div className="field">
        <label htmlFor="pool-focus">Highlight pool</label>
        <select
          id="pool-focus"
          value={error ? "" : (pool ?? "")}
          onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
          {...(error ? { "aria-invalid": true, "aria-describedby": "pool-focus-error" } : {})}
        >
          <option value="">none</option>
          {pool !== null && !focused ? <option value={pool}>id {pool} (unknown)</option> : null}
          {pools.map((p) => (
            <option key={p.poolId} value={p.poolId}>
              {range(p)} ({p.sourceName})
            </option>
          ))}
        </select>
        <FieldError
          id="pool-focus-error"
          message={error ? `${error}; the address said pool=${raw.pool ?? ""}` : undefined}
        />
      </div>
      {focused ? (
        <div className="stack">
          <p className="small" role="status">
            Pool <code>{range(focused)}</code> of {focused.sourceName} (id {focused.poolId}) is highlighted
            below.
          </p>
          <ObjectAlerts hrefs={[`/dhcp?pool=${focused.poolId}`]} what={`pool ${range(focused)}`} />
        </div>
      ) : pool !== null ? (
        <p className="form-error small" role="alert">
          There is no pool with id {pool}: it may have gone when its source's configuration changed.
        </p>
      ) : null}
    </div>
  );
}
