import type { RouterOutputs } from "@netops/api";
import { Link } from "react-router";
import { Empty, ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";

type Report = NonNullable<RouterOutputs["rdap"]["consistency"]>;
type Finding = Report["findings"][number];
type DomainFinding = Report["domainFindings"][number];

const KIND: Record<Finding["kind"] | DomainFinding["kind"], string> = {
  "missing-in-rdap": "missing in RDAP",
  "address-mismatch": "addresses differ",
  "status-mismatch": "statuses differ",
  "nameserver-mismatch": "name servers differ",
  "expiry-mismatch": "expiry differs",
  "rdap-error": "RDAP error",
};

const hostHref = (f: Finding) =>
  `/registry/hosts/${encodeURIComponent(f.connectionId)}/${encodeURIComponent(f.host)}`;
const domainHref = (f: DomainFinding) =>
  `/registry/domains?conn=${encodeURIComponent(f.connectionId)}&name=${encodeURIComponent(f.domain)}`;

const chip = (kind: Finding["kind"] | DomainFinding["kind"]) => (
  <span className={`chip ${kind === "rdap-error" ? "health-degraded" : "sev-warning"}`}>{KIND[kind]}</span>
);

function Detail({ f }: { f: Finding }) {
  if (f.kind === "address-mismatch")
    return (
      <>
        EPP <code>{[...f.epp.v4, ...f.epp.v6].join(", ") || "none"}</code> · RDAP{" "}
        <code>{[...f.rdap.v4, ...f.rdap.v6].join(", ") || "none"}</code>
      </>
    );
  if (f.kind === "status-mismatch")
    return (
      <>
        EPP <code>{f.epp.join(", ") || "none"}</code> · RDAP <code>{f.rdap.join(", ") || "none"}</code>
      </>
    );
  return <>{f.message}</>;
}

function DomainDetail({ f }: { f: DomainFinding }) {
  if (f.kind === "expiry-mismatch")
    return (
      <>
        EPP {f.epp?.[0] ? <Time iso={f.epp[0]} /> : "none"} · RDAP{" "}
        {f.rdap?.[0] ? <Time iso={f.rdap[0]} /> : "none"}
      </>
    );
  if (f.epp && f.rdap)
    return (
      <>
        EPP <code>{f.epp.join(", ") || "none"}</code> · RDAP <code>{f.rdap.join(", ") || "none"}</code>
      </>
    );
  return <>{f.message}</>;
}

/** "Check now" (operators): runs the comparison of every cached host and domain at once. */
export interface CheckNow {
  run: () => void;
  pending: boolean;
  error: unknown;
}

/** `rdap.consistency`: the last comparison of the EPP host and domain caches with the registry's RDAP. */
export function ConsistencyPanel({ report, check }: { report: Report | null; check?: CheckNow | undefined }) {
  const findings = report?.findings ?? [];
  const domainFindings = report?.domainFindings ?? [];
  return (
    <section aria-label="EPP ↔ RDAP consistency" className="small rdap-consistency">
      <h2>EPP ↔ RDAP consistency</h2>
      <div className="actions">
        {!report ? (
          <span>Not checked yet (every five minutes, the first a few minutes after start).</span>
        ) : report.skipped ? (
          <span>
            Not checked at <Time iso={report.at} />: {report.skipped}
          </span>
        ) : (
          <span>
            Checked <Time iso={report.at} relative />
            {report.trigger === "manual" ? " (check now)" : ""}: {report.consistent} of {report.checked}{" "}
            host(s) and {report.domainsConsistent} of {report.domainsChecked} domain(s) consistent
            {report.outOfZone
              ? ` · ${report.outOfZone} host(s) outside the registry's zones not checked`
              : ""}
          </span>
        )}
        {check ? (
          <button type="button" className="btn-sm" disabled={check.pending} onClick={check.run}>
            {check.pending ? "Checking…" : "Check now"}
          </button>
        ) : null}
      </div>
      {check?.error ? <ErrorView error={check.error} title="The check failed" compact /> : null}
      {report && !report.skipped ? (
        findings.length + domainFindings.length === 0 ? (
          <Empty title="No differences: the registry's RDAP shows what EPP says." />
        ) : (
          <ul aria-label="Consistency findings">
            {findings.map((f) => (
              <li key={`h/${f.connectionId}/${f.host}/${f.kind}`}>
                {chip(f.kind)} host <Link to={hostHref(f)}>{f.host}</Link>: <Detail f={f} />
              </li>
            ))}
            {domainFindings.map((f) => (
              <li key={`d/${f.connectionId}/${f.domain}/${f.kind}`}>
                {chip(f.kind)} domain <Link to={domainHref(f)}>{f.domain}</Link>: <DomainDetail f={f} />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
