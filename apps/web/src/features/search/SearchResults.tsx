import type { SearchResult } from "@netops/protocols";
import { entityUrl } from "@netops/protocols";
import { Link } from "react-router";
import { Empty } from "../../components/StateView";

const RANK_WORD: Record<string, string> = { exact: "exact", prefix: "starts with", contains: "contains" };

/** Search hits grouped by subsystem, each a link, in the server's ranked order. */
export function SearchResults({ result }: { result: SearchResult }) {
  const { classified, groups } = result;
  if (classified.kind === "invalid")
    return (
      <div className="callout warn" role="note">
        <p>Cannot search this: {classified.reason ?? "not searchable"}</p>
      </div>
    );
  return (
    <div className="search-groups">
      {classified.entity ? (
        <p>
          <Link to={entityUrl(classified.entity)} className="button primary">
            Everything about {classified.interpretations[0]?.display ?? classified.entity.value}
          </Link>
        </p>
      ) : null}
      {result.hint ? (
        <p className="small muted" role="note">
          {result.hint}
        </p>
      ) : null}
      {groups.length === 0 ? <Empty title={`No results for “${classified.q}”.`} /> : null}
      {groups.map((g) => (
        <section key={g.subsystem} className="card" aria-labelledby={`search-group-${g.subsystem}`}>
          <h2 id={`search-group-${g.subsystem}`}>
            {g.label}{" "}
            <span className="muted small">
              ({g.hits.length}
              {g.more ? "+" : ""})
            </span>
          </h2>
          {g.error ? (
            <p className="error-text small">
              Could not search {g.label}: {g.error}
            </p>
          ) : null}
          <ul className="search-hits">
            {g.hits.map((h) => (
              <li key={`${h.kind}:${h.key}`}>
                <Link to={h.url}>{h.label}</Link>
                <span className="small muted">
                  {h.kind}
                  {h.detail ? ` · ${h.detail}` : ""}
                </span>
                <span className="chip palette-rank">{RANK_WORD[h.rank] ?? h.rank}</span>
              </li>
            ))}
          </ul>
          {g.more ? <p className="small muted">More matches than shown: narrow the search.</p> : null}
        </section>
      ))}
    </div>
  );
}
