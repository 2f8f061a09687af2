import type { RouterOutputs } from "@netops/api";
import { formatRejectedLine } from "@netops/protocols/dhcp";
import { useScrollToFocus } from "../../hooks/useScrollToFocus";
import type { DhcpPoolView } from "./PoolTable";
import { SourceActions } from "./SourceActions";
import { SubnetEditor } from "./SubnetEditor";

export type DhcpSourceView = RouterOutputs["dhcp"]["overview"]["sources"][number];

const KIND: Record<string, string> = {
  "kea-api": "Kea API",
  "kea-memfile": "Kea memfile",
  "dhcpd-leases": "ISC dhcpd.leases",
  "dnsmasq-leases": "dnsmasq leases",
};

function age(seconds: number | null): string {
  if (seconds === null) return "never";
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * Each source with its status; failing and stale ones say how old the data shown is and why. File
 * sources also list the subnets configured for them in the console (`pools`: the overview's pools).
 */
export function SourceList({
  sources,
  pools,
  focusId = null,
}: {
  sources: DhcpSourceView[];
  pools: DhcpPoolView[];
  /** The one source the address names (`?source=3`, where source alerts link): marked and scrolled to. */
  focusId?: number | null;
}) {
  const focusItem = useScrollToFocus<HTMLLIElement>(
    sources.some((s) => s.id === focusId),
    focusId,
  );
  return (
    <ul className="stack" aria-label="Sources">
      {sources.map((s) => (
        <li
          key={s.id}
          className={s.id === focusId ? "card is-focused" : "card"}
          data-status={s.status}
          {...(s.id === focusId ? { ref: focusItem, "aria-current": true } : {})}
        >
          <div className="row">
            <strong>{s.name}</strong>
            {s.lab ? <span className="badge">lab</span> : null}
            <span className="muted small">{KIND[s.kind] ?? s.kind}</span>
            <span
              className={
                s.status === "failing" ? "sev-critical" : s.status === "stale" ? "sev-warning" : "muted"
              }
            >
              {s.status}
            </span>
            {s.enabled ? null : <span className="badge">disabled</span>}
            <span className="muted small">
              {s.leaseCount.toLocaleString("en")} leases · data {age(s.dataAgeSeconds)} old
            </span>
          </div>
          <div className="muted small">
            <code>{s.location}</code>
          </div>
          {s.status === "failing" && s.lastError ? (
            <p className="error-text" role="alert">
              {s.lastError} — showing the last good data ({age(s.dataAgeSeconds)} old).
            </p>
          ) : null}
          {s.status === "stale" ? (
            <p className="sev-warning">
              No change for {age(s.dataAgeSeconds)} (limit {age(s.staleAfterSeconds)}); the data may be stale.
            </p>
          ) : null}
          {s.parseErrorCount > 0 && s.parseErrors === null ? (
            // The server lists rejected records to admins only (a lease file may hold anything).
            <p className="sev-warning">
              {s.parseErrorCount.toLocaleString("en")} record(s) rejected; admins see which lines and why.
            </p>
          ) : null}
          {s.parseErrorCount > 0 && s.parseErrors !== null ? (
            <details>
              <summary className="sev-warning">
                {s.parseErrorCount.toLocaleString("en")} record(s) rejected
              </summary>
              <ul className="small" aria-label={`Rejected records of ${s.name}`}>
                {s.parseErrors.map((e) => (
                  <li key={`${e.line}:${e.field}:${e.reason}`}>{formatRejectedLine(e)}</li>
                ))}
              </ul>
              {s.parseErrors.length < s.parseErrorCount ? (
                <p className="small muted">The first {s.parseErrors.length} are listed.</p>
              ) : null}
            </details>
          ) : null}
          {/* A Kea API source's subnets come from Kea's config-get and are not edited here. */}
          {s.kind === "kea-api" ? null : <SubnetEditor source={s} pools={pools} />}
          <SourceActions source={s} />
        </li>
      ))}
    </ul>
  );
}
