import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { useRole } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { CheckHistoryChart } from "./CheckHistoryChart";
import { DigestCompare } from "./DigestCompare";
import type { ZoneCheck } from "./types";
import { ZoneStatusChip } from "./ZoneStatusChip";
import { DataTable, type DataTableColumn } from "../../components/DataTable";
import { ExportLinks } from "../../components/ExportLinks";
import { Empty, ErrorView, StateView } from "../../components/StateView";
import { ObjectChangelog } from "../settings/ObjectChangelog";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { EntityLink } from "../../components/EntityLink";
import { EndpointLink, IdentifierLink } from "../../components/EntityLinkAuto";
import { ObjectAlerts } from "../alerts/ObjectAlerts";
import { zoneHref } from "./types";

const HISTORY_COLUMNS: readonly DataTableColumn[] = [
  "Started",
  "Trigger",
  "Verdict",
  { key: "serial", label: "Serial", className: "num" },
  { key: "records", label: "Records", className: "num" },
  { key: "duration", label: "Duration", className: "num" },
  "Source / reason",
];

const SERVER_COLUMNS: readonly DataTableColumn[] = [
  "Server",
  "Role",
  { key: "serial", label: "SOA serial", className: "num" },
  "State",
  "Asked",
];

function HistoryTable({ checks }: { checks: ZoneCheck[] }) {
  return (
    <DataTable columns={HISTORY_COLUMNS} caption="Check history (newest first)" pageSize={50}>
      {checks.map((c) => (
        <tr key={c.id} className={c.accepted ? "" : "is-failed"}>
          <td>
            <Time iso={c.startedAt} />
          </td>
          <td>{c.trigger}</td>
          <td>
            <ZoneStatusChip status={c.status} />
            {c.accepted ? null : <div className="small">rejected</div>}
          </td>
          <td className="num">{c.serial ?? "—"}</td>
          <td className="num">{c.records}</td>
          <td className="num">{c.durationMs} ms</td>
          <td>
            <div className="small muted">{c.source}</div>
            <div className="small break">{c.reason}</div>
            {c.errors.slice(0, 3).map((e) => (
              <div key={`${e.file}:${e.line}:${e.column}`} className="small error-text">
                {e.file}:{e.line}:{e.column}: {e.reason}
              </div>
            ))}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** One zone: verdict, published vs computed digest, server serials, history chart and table. */
export function ZoneDetailPage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const navigate = useNavigate();
  // `/dns/corrupt.example` names the zone; `/dns/<id>` (no dot in an id) is the old URL, and a
  // single-label name (`/dns/example`) is looked up by name when no zone has it as id.
  const dotted = id.includes(".");
  const byId = useQuery({ ...trpc.dns.get.queryOptions({ id }), refetchInterval: 15_000, enabled: !dotted });
  const idUnknown = !dotted && byId.isError && byId.error.data?.code === "NOT_FOUND";
  const byName = useQuery({
    ...trpc.dns.getByName.queryOptions({ name: id }),
    refetchInterval: 15_000,
    enabled: dotted || idUnknown,
  });
  // Neither an id nor a name: the id's answer says what was looked for.
  const q = dotted || (idUnknown && !byName.isError) ? byName : byId;
  useTitle(q.data ? `Zone ${q.data.zone.name}` : "Zone");
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.dns.pathKey() });
  const check = useMutation(trpc.dns.checkNow.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.dns.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.dns.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        navigate("/dns");
      },
    }),
  );
  const actionError = check.error ?? update.error ?? remove.error;
  return (
    <section className="page">
      <p className="crumbs">
        <Link to="/dns">DNS zones</Link> /
      </p>
      <StateView query={q} loadingLabel="Loading zone…" errorTitle="Could not load the zone">
        {({ zone, history }) => (
          <>
            <div className="detail-head">
              <h1>
                <code>{zone.name}</code>
              </h1>
              <EntityLink kind="name" value={zone.name.replace(/\.$/, "") || "."} code={false}>
                Everything about {zone.name}
              </EntityLink>
              <div className="row gap wrap">
                <ZoneStatusChip status={zone.status} />
                {zone.mode === "log-only" ? <span className="chip muted-chip">log-only</span> : null}
                {zone.enabled ? null : <span className="chip muted-chip">disabled</span>}
                {roleAtLeast(role, "operator") ? (
                  <button
                    type="button"
                    onClick={() => check.mutate({ id: zone.id })}
                    disabled={check.isPending}
                  >
                    {check.isPending ? "Checking…" : "Check now"}
                  </button>
                ) : null}
              </div>
            </div>
            {actionError ? <ErrorView error={actionError} title="The action failed" compact /> : null}
            {zone.lastCheck ? (
              <p className={`callout ${zone.lastCheck.accepted ? "" : "error-text"}`} role="status">
                {zone.lastCheck.reason}
              </p>
            ) : (
              <p className="callout">Not checked yet; the first check runs within a few seconds.</p>
            )}
            <dl className="fields">
              <dt>Source</dt>
              <dd>
                {zone.sourceKind} <EndpointLink value={zone.source} className="break" />
                {zone.tsig ? (
                  <span className="small muted">
                    {" "}
                    (TSIG {zone.tsig.name} {zone.tsig.algorithm})
                  </span>
                ) : null}
              </dd>
              <dt>Mode</dt>
              <dd>
                {zone.mode === "enforce"
                  ? "enforce — a copy failing ZONEMD is rejected and the last good one stays"
                  : "log-only — failures are recorded, the copy is accepted"}
              </dd>
              <dt>Servers watched</dt>
              <dd>
                {zone.servers.length} configured
                {zone.serversFromNs ? `, plus the NS set (${zone.nsServers.length} found in the zone)` : ""}
              </dd>
              <dt>ZONEMD expected</dt>
              <dd>{zone.expectZonemd ? "yes (a missing ZONEMD raises a warning)" : "no"}</dd>
              <dt>Last good copy</dt>
              <dd>
                {zone.lastGood ? (
                  <>
                    serial {zone.lastGood.serial ?? "—"}, checked{" "}
                    <Time iso={zone.lastGood.startedAt} relative />
                  </>
                ) : (
                  "none yet"
                )}
              </dd>
              <dt>Checked every</dt>
              <dd>
                {zone.intervalSeconds} s; next <Time iso={zone.nextCheckAt} relative />
              </dd>
            </dl>
            {zone.lastCheck ? (
              <>
                <h2>Published vs computed digest</h2>
                <DigestCompare check={zone.lastCheck} />
              </>
            ) : null}
            <h2>Servers</h2>
            {zone.serverStates.length ? (
              <DataTable columns={SERVER_COLUMNS} caption="SOA serial per server" captionHidden>
                {zone.serverStates.map((s) => (
                  <tr
                    key={`${s.host}:${s.port}`}
                    className={s.serial === null || s.lagging ? "is-failed" : ""}
                  >
                    <td>
                      {s.label} <IdentifierLink value={s.host} />
                      <span className="small muted">:{s.port}</span>
                    </td>
                    <td>{s.role}</td>
                    <td className="num">{s.serial ?? "—"}</td>
                    <td>
                      {s.serial === null
                        ? s.error
                        : s.lagging
                          ? `lagging since ${s.behindSince} (more than refresh + retry, ${s.toleranceSeconds} s)`
                          : s.behindSince
                            ? `behind since ${s.behindSince}, within refresh + retry`
                            : "in step"}
                    </td>
                    <td>
                      <Time iso={s.checkedAt} relative="only" />
                    </td>
                  </tr>
                ))}
              </DataTable>
            ) : (
              <Empty title="No servers are watched for this zone." />
            )}
            <div className="section-head">
              <h2>History</h2>
              <ExportLinks list="dns-checks" input={{ id: zone.id }} label={`checks of ${zone.name}`} />
            </div>
            <CheckHistoryChart checks={history} />
            <HistoryTable checks={history} />
            {roleAtLeast(role, "admin") ? (
              <div className="actions">
                <button
                  type="button"
                  className="btn-sm"
                  onClick={() =>
                    update.mutate({ id: zone.id, mode: zone.mode === "enforce" ? "log-only" : "enforce" })
                  }
                >
                  Switch to {zone.mode === "enforce" ? "log-only" : "enforce"}
                </button>
                <button
                  type="button"
                  className="btn-sm"
                  onClick={() => update.mutate({ id: zone.id, enabled: !zone.enabled })}
                >
                  {zone.enabled ? "Disable checks" : "Enable checks"}
                </button>
                <ConfirmButton
                  question={`Stop watching ${zone.name} and delete its history?`}
                  onConfirm={() => remove.mutate({ id: zone.id })}
                >
                  Delete zone
                </ConfirmButton>
              </div>
            ) : null}
            <ObjectAlerts hrefs={[zoneHref(zone), `/dns/${zone.id}`]} what={`zone ${zone.name}`} />
            <ObjectChangelog target={zone.name} actionPrefix="dns." />
          </>
        )}
      </StateView>
    </section>
  );
}
