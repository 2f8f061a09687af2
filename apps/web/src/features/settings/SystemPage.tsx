import { useQuery } from "@tanstack/react-query";
import { Empty, StateView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { DataTable } from "../../components/DataTable";

export function SystemPage() {
  useTitle("System");
  const trpc = useTRPC();
  const info = useQuery({ ...trpc.system.info.queryOptions(), refetchInterval: 30_000 });
  return (
    <section className="page">
      <h1>System</h1>
      <StateView query={info} loadingLabel="Loading system status…" errorTitle="Could not load system status">
        {(d) => (
          <>
            <dl className="fields">
              <dt>Version</dt>
              <dd>{d.version}</dd>
              <dt>Server started</dt>
              <dd>
                <Time iso={d.startedAt} relative />
              </dd>
              <dt>Live subscribers</dt>
              <dd>{d.liveSubscribers}</dd>
            </dl>
            <h2>Background jobs</h2>
            {d.jobs.length === 0 ? (
              <Empty title="No job has run yet." />
            ) : (
              <DataTable
                columns={[
                  "Job",
                  "Last run",
                  "Result",
                  { key: "Duration", label: "Duration", className: "num" },
                  "Error",
                ]}
              >
                {d.jobs.map((j) => (
                  <tr key={j.job}>
                    <td>
                      <code>{j.job}</code>
                    </td>
                    <td>
                      <Time iso={j.at} relative />
                    </td>
                    <td>
                      <span className={`chip ${j.ok ? "ok" : "bad"}`}>
                        <span aria-hidden="true">{j.ok ? "✓" : "✗"}</span> {j.ok ? "OK" : "Failed"}
                      </span>
                    </td>
                    <td className="num">{j.durationMs} ms</td>
                    <td className="error-text">{j.error ?? "—"}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </>
        )}
      </StateView>
    </section>
  );
}
