import { ObjectChangelog } from "./ObjectChangelog";
import { ALERT_SOURCES, SEVERITIES, type Severity } from "@netops/protocols";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ActionError, ActionMessage } from "../../components/ActionFeedback";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { DeliveryStatus, DeliveryTable } from "../../components/DeliveryTable";
import { ListStateView } from "../../components/ListStateView";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { toggle } from "../../lib/lists";
import { useUrlState } from "../../lib/urlState";
import type { Receiver, ReceiverInput } from "./types";
import { useTRPC } from "../../trpc";
import { webhookParamsSchema } from "./filters";
import { RequireRole } from "./SettingsLayout";

/** The form's state: webhooks.create's input with every field filled in (the API defaults some). */
type Draft = Required<ReceiverInput>;

const EMPTY: Draft = {
  name: "",
  url: "",
  secret: "",
  minSeverity: "warning",
  sources: [],
  sendResolved: true,
};

function ReceiverForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: Receiver | null;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(
    editing
      ? {
          name: editing.name,
          url: editing.url,
          secret: "",
          minSeverity: editing.minSeverity,
          sources: editing.sources,
          sendResolved: editing.sendResolved,
        }
      : EMPTY,
  );
  const done = async () => {
    await qc.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
    setD(EMPTY);
    onDone();
  };
  const create = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: done }));
  const m = editing ? update : create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const base = {
      name: d.name.trim(),
      url: d.url.trim(),
      minSeverity: d.minSeverity,
      sources: d.sources,
      sendResolved: d.sendResolved,
    };
    if (editing) update.mutate({ id: editing.id, ...base, ...(d.secret ? { secret: d.secret } : {}) });
    else create.mutate({ ...base, secret: d.secret });
  };
  const p = editing ? `wh-e-${editing.id}` : "wh-new";
  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${p}-h`}>
      <h2 id={`${p}-h`}>{editing ? `Edit receiver “${editing.name}”` : "New receiver"}</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${p}-name`}>Name</label>
          <input
            id={`${p}-name`}
            required
            maxLength={64}
            value={d.name}
            onChange={(e) => setD({ ...d, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${p}-url`}>URL</label>
          <input
            id={`${p}-url`}
            type="url"
            required
            placeholder="https://chat.example.net/hooks/…"
            maxLength={2048}
            value={d.url}
            onChange={(e) => setD({ ...d, url: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${p}-secret`}>Signing secret</label>
          <input
            id={`${p}-secret`}
            type="password"
            autoComplete="off"
            minLength={16}
            maxLength={256}
            required={!editing}
            aria-describedby={`${p}-secret-hint`}
            value={d.secret}
            onChange={(e) => setD({ ...d, secret: e.target.value })}
          />
          <span id={`${p}-secret-hint`} className="muted small">
            {editing ? "Leave empty to keep the current secret. " : ""}At least 16 characters; used for the
            HMAC signature header.
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${p}-sev`}>Minimum severity</label>
          <select
            id={`${p}-sev`}
            value={d.minSeverity}
            onChange={(e) => setD({ ...d, minSeverity: e.target.value as Severity })}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s} {s === "info" ? "(everything)" : s === "critical" ? "(critical only)" : "and worse"}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>Sources (none checked = all)</legend>
        {ALERT_SOURCES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={d.sources.includes(s)}
              onChange={() => setD({ ...d, sources: toggle(d.sources, s) })}
            />
            {s}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={d.sendResolved}
          onChange={(e) => setD({ ...d, sendResolved: e.target.checked })}
        />
        Also send “resolved” notifications
      </label>
      {m.error ? <ErrorView error={m.error} title="Receiver not saved" compact /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={m.isPending}>
          {m.isPending ? "Saving…" : editing ? "Save changes" : "Create receiver"}
        </button>
        {editing ? (
          <button type="button" onClick={onCancel ?? onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Receivers({ receiverFilter }: { receiverFilter: string | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [, setParams] = useUrlState(webhookParamsSchema);
  const list = useQuery(trpc.webhooks.list.queryOptions());
  const deliveries = useQuery({
    ...trpc.webhooks.deliveries.queryOptions(receiverFilter ? { receiverId: receiverFilter } : {}),
    refetchInterval: 30_000,
  });
  const [editing, setEditing] = useState<Receiver | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const invalidate = async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() }),
    ]);
  };
  const test = useMutation(
    trpc.webhooks.test.mutationOptions({
      onSuccess: (r, v) => {
        setMessage(`Test delivery #${r.deliveryId} sent; see its result in the delivery log.`);
        setParams({ receiver: v.id });
      },
      onSettled: invalidate,
    }),
  );
  const enable = useMutation(trpc.webhooks.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.webhooks.remove.mutationOptions({ onSettled: invalidate }));
  const filterName = list.data?.find((r) => r.id === receiverFilter)?.name ?? receiverFilter;

  return (
    <>
      {editing ? (
        <ReceiverForm
          key={editing.id}
          editing={editing}
          onDone={() => {
            setEditing(null);
            setMessage("Receiver saved.");
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <ReceiverForm key="new" editing={null} onDone={() => setMessage("Receiver saved.")} />
      )}
      <ActionError title="Action failed" mutations={[test, enable, remove]} />
      <ActionMessage message={message} />
      <h2>Receivers</h2>
      <ListStateView
        query={list}
        loadingLabel="Loading receivers…"
        errorTitle="Could not load receivers"
        emptyTitle="No webhook receivers yet."
      >
        {(receivers) => (
          <DataTable columns={["Name", "URL", "Sends", "Enabled", "Last delivery"]} actions>
            {receivers.map((r) => (
              <tr key={r.id} className={r.enabled ? undefined : "is-disabled"}>
                <td>{r.name}</td>
                <td className="break">
                  <code>{r.url}</code>
                </td>
                <td className="small">
                  {r.minSeverity} and worse
                  <br />
                  {r.sources.length ? r.sources.join(", ") : "all sources"}
                  <br />
                  {r.sendResolved ? "with resolved" : "firing only"}
                </td>
                <td>
                  <span className={`chip ${r.enabled ? "ok" : "muted-chip"}`}>
                    {r.enabled ? "enabled" : "disabled"}
                  </span>
                </td>
                <td>
                  {r.lastDelivery ? (
                    <div className="stack">
                      <DeliveryStatus status={r.lastDelivery.status} />
                      <Time iso={r.lastDelivery.at} relative="only" />
                      {r.lastDelivery.error ? (
                        <span className="error-text small">{r.lastDelivery.error}</span>
                      ) : null}
                    </div>
                  ) : (
                    <span className="muted">none yet</span>
                  )}
                  {r.state === "held" && r.holdUntil ? (
                    <span className="error-text small">
                      Held after {r.failures} failed attempt{r.failures === 1 ? "" : "s"} in a row until{" "}
                      <Time iso={r.holdUntil} />; a test is sent at once
                    </span>
                  ) : r.state === "failing" ? (
                    <span className="error-text small">
                      {r.failures} failed attempt{r.failures === 1 ? "" : "s"} in a row; the next one probes
                      it
                    </span>
                  ) : null}
                </td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      className="btn-sm"
                      disabled={test.isPending}
                      aria-label={`Send a test delivery to ${r.name}`}
                      onClick={() => {
                        setMessage(null);
                        test.mutate({ id: r.id });
                      }}
                    >
                      {test.isPending && test.variables?.id === r.id ? "Testing…" : "Test"}
                    </button>
                    <button
                      type="button"
                      className="btn-sm"
                      aria-label={`Edit ${r.name}`}
                      onClick={() => setEditing(r)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn-sm"
                      disabled={enable.isPending}
                      onClick={() => enable.mutate({ id: r.id, enabled: !r.enabled })}
                    >
                      {r.enabled ? "Disable" : "Enable"}
                    </button>
                    <Link
                      className="button btn-sm"
                      to={`/settings/webhooks?receiver=${encodeURIComponent(r.id)}`}
                    >
                      Deliveries
                    </Link>
                    <ConfirmButton
                      question={`Remove ${r.name} and its delivery log?`}
                      ariaLabel={`Remove ${r.name}`}
                      disabled={remove.isPending}
                      onConfirm={() => remove.mutate({ id: r.id })}
                    >
                      Remove
                    </ConfirmButton>
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListStateView>

      <div className="section-head">
        <h2>Delivery log{receiverFilter ? ` — ${filterName}` : ""}</h2>
        <div className="field inline">
          <label htmlFor="dl-filter">Receiver</label>
          <select
            id="dl-filter"
            value={receiverFilter ?? ""}
            onChange={(e) => setParams({ receiver: e.target.value })}
          >
            <option value="">All receivers</option>
            {list.data?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
            {receiverFilter && list.data && !list.data.some((r) => r.id === receiverFilter) ? (
              <option value={receiverFilter}>{receiverFilter}</option>
            ) : null}
          </select>
        </div>
      </div>
      <ListStateView
        query={deliveries}
        loadingLabel="Loading deliveries…"
        errorTitle="Could not load deliveries"
        emptyTitle="No deliveries yet."
      >
        {(rows) => <DeliveryTable deliveries={rows} />}
      </ListStateView>
      {receiverFilter && filterName ? (
        <ObjectChangelog target={filterName} actionPrefix="webhooks." title={`Changes to ${filterName}`} />
      ) : null}
    </>
  );
}

export function WebhooksPage() {
  useTitle("Webhooks");
  const [{ receiver }] = useUrlState(webhookParamsSchema);
  return (
    <section className="page">
      <h1>Webhooks</h1>
      <p className="muted">
        Receivers get a signed JSON POST when an alert fires or resolves. Failed deliveries are retried with
        backoff.
      </p>
      <RequireRole need="admin">
        <Receivers receiverFilter={receiver || null} />
      </RequireRole>
    </section>
  );
}
