import type { RouterOutputs } from "@netops/api";

type Status = RouterOutputs["rdap"]["status"];

/** `rdap.status` on the page: where queries go, how the last one went, and the bootstrap's state. */
export function RdapStatusLine({ status }: { status: Status }) {
  const b = status.bootstrap;
  const refreshed = b.files.filter((f) => f.source === "refreshed").length;
  const failed = b.lastRefresh && !b.lastRefresh.ok;
  return (
    <section aria-label="RDAP status" className="small">
      <p>
        <span className={`chip ${status.health}`}>{status.health.replace("_", " ")}</span>{" "}
        {status.lab ? <strong>LAB · </strong> : null}
        {status.summary}
      </p>
      <details>
        <summary>
          Bootstrap (RFC 9224):{" "}
          {refreshed ? `${refreshed} of ${b.files.length} registries refreshed` : "shipped snapshot"}
          {failed ? " · last refresh failed" : ""}
          {b.refreshError ? " · refresh off" : ""}
        </summary>
        <ul>
          {b.files.map((f) => (
            <li key={f.kind}>
              <code>{f.kind}.json</code>:{" "}
              {f.source === "refreshed" ? `refreshed ${f.at ?? ""}` : "shipped snapshot"}
              {f.publication ? ` (published ${f.publication})` : ""}
            </li>
          ))}
        </ul>
        {b.refreshUrl ? (
          <p>
            Refreshed from <code>{b.refreshUrl}</code>
            {b.lastRefresh ? ` · last attempt ${b.lastRefresh.at}` : " · not attempted yet"}
          </p>
        ) : (
          <p>No refresh configured (rdap.bootstrapRefreshHours: 0).</p>
        )}
        {b.refreshError ? <p role="alert">{b.refreshError}</p> : null}
        {failed ? (
          <ul aria-label="Bootstrap refresh failures">
            {b.lastRefresh?.failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ) : null}
      </details>
    </section>
  );
}
