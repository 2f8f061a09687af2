import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useTRPC } from "../../trpc";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorView } from "../../components/StateView";
import { parseAddressList } from "./addresses";
import { ClientStatusFieldset, NO_STATUS_CHANGE, RemoveFieldset, type StatusChange } from "./ChangeFieldsets";
import { GlueHint } from "./HostForm";
import { OutcomeView } from "./OutcomeView";
import { type EppOutcome, hostHref, type RegistryHost } from "./types";

const CLIENT_STATUSES = ["clientDeleteProhibited", "clientUpdateProhibited"] as const;
type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** Change (add/remove addresses and client statuses, rename) and delete a host (operator). */
export function HostActions({ host, zones }: { host: RegistryHost; zones: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [addText, setAdd] = useState("");
  const [remove, setRemove] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<StatusChange<ClientStatus>>(NO_STATUS_CHANGE);
  const [newName, setNewName] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<{ o: EppOutcome; what: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
  const update = useMutation(
    trpc.registry.updateHost.mutationOptions({
      onSuccess: async (r) => {
        setOutcome({ o: r.outcome, what: "update" });
        setConfirming(false);
        await refresh();
        if (r.outcome.ok) {
          setAdd("");
          setRemove([]);
          setStatuses(NO_STATUS_CHANGE);
          if (r.after && r.after.name !== host.name) navigate(hostHref(r.after));
          setNewName("");
        }
      },
      onError: () => setConfirming(false),
    }),
  );
  const del = useMutation(
    trpc.registry.deleteHost.mutationOptions({
      onSuccess: async (r) => {
        setOutcome({ o: r.outcome, what: "delete" });
        await refresh();
        if (r.outcome.ok) navigate("/registry");
      },
    }),
  );
  const add = parseAddressList(addText);
  const changed =
    add.length + remove.length + statuses.add.length + statuses.rem.length > 0 || newName.trim() !== "";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!changed) return;
    if (!confirming) return setConfirming(true);
    setOutcome(null);
    update.mutate({
      connectionId: host.connectionId,
      name: host.name,
      add: { addrs: add, statuses: statuses.add.map((s) => ({ s })) },
      rem: {
        addrs: host.addrs.filter((a) => remove.includes(a.address)),
        statuses: statuses.rem.map((s) => ({ s })),
      },
      ...(newName.trim() && { newName: newName.trim() }),
    });
  };
  return (
    <div>
      <form className="card form" onSubmit={submit} aria-labelledby="host-edit-h">
        <h2 id="host-edit-h">Change {host.name}</h2>
        <RemoveFieldset
          legend="Remove addresses"
          values={host.addrs.map((a) => a.address)}
          selected={remove}
          onChange={setRemove}
        />
        <div className="field">
          <label htmlFor="host-add-addrs">Add addresses (glue), one per line</label>
          <textarea id="host-add-addrs" rows={2} value={addText} onChange={(e) => setAdd(e.target.value)} />
        </div>
        <GlueHint name={newName || host.name} zones={zones} />
        <ClientStatusFieldset
          statuses={CLIENT_STATUSES}
          current={host.statuses}
          value={statuses}
          onChange={setStatuses}
        />
        <div className="field">
          <label htmlFor="host-new-name">Rename to</label>
          <input
            id="host-new-name"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            maxLength={253}
          />
        </div>
        {update.error ? <ErrorView error={update.error} title="Could not change the host" compact /> : null}
        <div className="actions">
          {confirming ? (
            <>
              <span className="small">Send &lt;host:update&gt; for {host.name}?</span>{" "}
              <button type="submit" disabled={update.isPending}>
                Confirm change
              </button>{" "}
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="submit" disabled={!changed}>
              Change host
            </button>
          )}
        </div>
      </form>
      <div className="card">
        <h2>Delete</h2>
        <p className="small muted">
          A host cannot be deleted while a domain uses it as a name server (the registry answers 2305).
          {host.linkedDomains.length > 0 ? ` Known to link it: ${host.linkedDomains.join(", ")}.` : ""}
        </p>
        <ConfirmButton
          question={`Delete host ${host.name} at the registry?`}
          onConfirm={() => {
            setOutcome(null);
            del.mutate({ connectionId: host.connectionId, name: host.name });
          }}
          disabled={del.isPending}
        >
          Delete host
        </ConfirmButton>
        {del.error ? <ErrorView error={del.error} title="Could not delete the host" compact /> : null}
      </div>
      {outcome ? <OutcomeView outcome={outcome.o} object={host.name} /> : null}
    </div>
  );
}
