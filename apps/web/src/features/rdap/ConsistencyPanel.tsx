import type { RouterOutputs } from "@netops/api";
import { Link } from "react-router";

type Report = NonNullable<RouterOutputs["rdap"]["consistency"]>;
type Finding = Report["findings"][number];

const KIND: Record<Finding["kind"], string> = {
  "missing-in-rdap": "missing in RDAP",
  "address-mismatch": "addresses differ",
  "status-mismatch": "statuses differ",
  "rdap-error": "RDAP error",
};

const hostHref = (f: Finding) =>
  `/registry/hosts/${encodeURIComponent(f.connectionId)}/${encodeURIComponent(f.host)}`;

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

/** `rdap.consistency`: the last comparison of the EPP host cache with the registry's RDAP objects. */
export function ConsistencyPanel({ report }: { report: Report | null }) {
  return (
    <section aria-label="EPP ↔ RDAP consistency" className="small">
      <h2>EPP ↔ RDAP consistency</h2>
      {!report ? (
        <p>Not checked yet (every five minutes, the first a few minutes after start).</p>
      ) : report.skipped ? (
        <p>
          Not checked at {report.at}: {report.skipped}
        </p>
      ) : (
        <>
          <p>
            Checked at {report.at}: {report.consistent} of {report.checked} host(s) consistent
            {report.outOfZone ? ` · ${report.outOfZone} outside the registry's zones not checked` : ""}
          </p>
          {report.findings.length ? (
            <ul aria-label="Consistency findings">
              {report.findings.map((f) => (
                <li key={`${f.connectionId}/${f.host}/${f.kind}`}>
                  <span className={`chip ${f.kind === "rdap-error" ? "health-degraded" : "sev-warning"}`}>
                    {KIND[f.kind]}
                  </span>{" "}
                  <Link to={hostHref(f)}>{f.host}</Link>: <Detail f={f} />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
