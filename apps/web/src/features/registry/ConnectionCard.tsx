import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "../../auth/session";
import { useTRPC } from "../../trpc";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty, ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { ConnectionEditForm } from "./ConnectionForm";
import type { RegistryConnection } from "./types";
import { DataTable } from "../../components/DataTable";
import { EndpointLink } from "../../components/EntityLinkAuto";
import { EntityLink } from "../../components/EntityLink";

const STATE_CHIP: Record<string, string> = {
  connected: "ok",
  backoff: "health-degraded",
  failed: "bad",
  disconnected: "muted-chip",
  disabled: "muted-chip",
};

/** One registry connection: endpoint, the greeting (services, extensions, server time), sessions and RTTs. */
export function ConnectionCard({ c, now }: { c: RegistryConnection; now?: number | undefined }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const admin = roleAtLeast(useRole(), "admin");
  const done = { onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() }) };
  const reconnect = useMutation(trpc.registry.reconnect.mutationOptions(done));
  const update = useMutation(trpc.registry.updateConnection.mutationOptions(done));
  const remove = useMutation(trpc.registry.removeConnection.mutationOptions(done));
  const err = reconnect.error ?? update.error ?? remove.error;
  const [editing, setEditing] = useState(false);
  return (
    <article className="card" aria-labelledby={`conn-${c.id}`}>
      <h2 id={`conn-${c.id}`}>
        {c.name} <span className={`chip ${STATE_CHIP[c.state] ?? "muted-chip"}`}>{c.state}</span>
      </h2>
      <dl className="kv">
        <dt>Endpoint</dt>
        <dd>
          <EndpointLink value={`${c.host.includes(":") ? `[${c.host}]` : c.host}:${c.port}`} />
          {c.servername ? ` (certificate name ${c.servername})` : ""}
        </dd>
        <dt>Client id</dt>
        <dd>
          <EntityLink kind="handle" value={c.clientId} />
        </dd>
        <dt>Credentials</dt>
        <dd>
          password {c.hasPassword ? "set" : "missing"}, client key {c.hasClientKey ? "set" : "missing"}{" "}
          (encrypted at rest, never shown)
        </dd>
        <dt>Client certificate</dt>
        <dd>{c.clientCertSubject ?? "unreadable"}</dd>
        <dt>Trusted CA</dt>
        <dd>{c.caSubject ?? "unreadable"}</dd>
        <dt>Zones (for the glue rule)</dt>
        <dd>{c.zones.join(", ")}</dd>
        <dt>Log in with</dt>
        <dd>
          <ul className="inline-list">
            {[...c.objURIs, ...c.extURIs].map((u) => (
              <li key={u}>
                <code>{u}</code>
              </li>
            ))}
          </ul>
        </dd>
        {c.lastError ? (
          <>
            <dt>Last error</dt>
            <dd className="error-text">{c.lastError}</dd>
          </>
        ) : null}
        {c.retryAt ? (
          <>
            <dt>Next attempt</dt>
            <dd>
              <Time iso={c.retryAt} relative now={now} /> (after {c.failures} failure(s))
            </dd>
          </>
        ) : null}
      </dl>
      <h3>Greeting</h3>
      {c.greeting ? (
        <dl className="kv">
          <dt>Server</dt>
          <dd>{c.greeting.svID}</dd>
          <dt>Server time</dt>
          <dd>
            <Time iso={c.greeting.svDate} />
          </dd>
          <dt>Services</dt>
          <dd>
            <ul className="inline-list">
              {c.greeting.objURIs.map((u) => (
                <li key={u}>
                  <code>{u}</code>
                </li>
              ))}
            </ul>
          </dd>
          <dt>Extensions</dt>
          <dd>
            {c.greeting.extURIs.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="inline-list">
                {c.greeting.extURIs.map((u) => (
                  <li key={u}>
                    <code>{u}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Versions, languages</dt>
          <dd>
            {c.greeting.versions.join(", ")}; {c.greeting.langs.join(", ")}; data collection policy access:{" "}
            {c.greeting.dcpAccess}
          </dd>
        </dl>
      ) : (
        <Empty title="No greeting received yet.">
          <p>The registry greets each new session; it shows here once one connects.</p>
        </Empty>
      )}
      <h3>Sessions</h3>
      {c.sessions.length === 0 ? (
        <Empty title="No session open.">{c.lastError ? <p>Last error: {c.lastError}</p> : null}</Empty>
      ) : (
        <DataTable columns={["Opened", "State", "TLS", "Last RTT", "In flight"]}>
          {c.sessions.map((s) => (
            <tr key={s.openedAt}>
              <td>
                <Time iso={s.openedAt} relative now={now} />
              </td>
              <td>{s.state}</td>
              <td>{s.tls ?? "—"}</td>
              <td>{s.lastRttMs === null ? "—" : `${s.lastRttMs} ms`}</td>
              <td>{s.busy}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="small">
        Round-trip times (last {c.rtt.recentMs.length}):{" "}
        {c.rtt.recentMs.length ? `${c.rtt.recentMs.join(", ")} ms; average ${c.rtt.avgMs} ms` : "none yet"}.
        {c.lastPollAt ? (
          <>
            {" "}
            Poll queue read <Time iso={c.lastPollAt} relative now={now} />.
          </>
        ) : null}
      </p>
      {err ? <ErrorView error={err} title="The action failed" compact /> : null}
      {admin ? (
        <div className="actions">
          <button
            type="button"
            className="btn-sm"
            disabled={reconnect.isPending}
            onClick={() => reconnect.mutate({ id: c.id })}
          >
            Reconnect now
          </button>{" "}
          <button
            type="button"
            className="btn-sm secondary"
            onClick={() => update.mutate({ id: c.id, enabled: !c.enabled })}
          >
            {c.enabled ? "Disable" : "Enable"}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setEditing(!editing)}>
            Edit settings
          </button>{" "}
          <ConfirmButton
            question={`Remove connection ${c.name} with its host cache, transcript and poll messages?`}
            onConfirm={() => remove.mutate({ id: c.id })}
          >
            Remove
          </ConfirmButton>
        </div>
      ) : null}
      {admin && editing ? <ConnectionEditForm c={c} onDone={() => setEditing(false)} /> : null}
    </article>
  );
}
