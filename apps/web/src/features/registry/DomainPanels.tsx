import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../trpc";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorView } from "../../components/StateView";
import { ClientStatusFieldset, NO_STATUS_CHANGE, RemoveFieldset, type StatusChange } from "./ChangeFieldsets";
import { OutcomeView } from "./OutcomeView";
import { EntityLink } from "../../components/EntityLink";
import type { EppOutcome } from "./types";

const CLIENT_STATUSES = [
  "clientDeleteProhibited",
  "clientHold",
  "clientRenewProhibited",
  "clientTransferProhibited",
  "clientUpdateProhibited",
] as const;
type ClientStatus = (typeof CLIENT_STATUSES)[number];

const lines = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

/** A domain's registrant/admin/tech contacts, each read with <contact:info> (no authInfo). */
export function DomainContacts({
  connectionId,
  registrant,
  contacts,
}: {
  connectionId: string;
  registrant: string | null;
  contacts: { type: string; id: string }[];
}) {
  const roles = [...(registrant ? [{ type: "registrant", id: registrant }] : []), ...contacts];
  if (roles.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain" aria-label="Contacts">
      {roles.map((r) => (
        <ContactLine key={`${r.type}/${r.id}`} connectionId={connectionId} role={r.type} id={r.id} />
      ))}
    </ul>
  );
}

function ContactLine({ connectionId, role, id }: { connectionId: string; role: string; id: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.registry.contact.queryOptions({ connectionId, id }));
  const c = q.data?.contact;
  const p = c?.postalInfo[0];
  return (
    <li>
      <strong>{role}</strong> <EntityLink kind="handle" value={id} />
      {q.isPending ? " …" : null}
      {c && p ? ` — ${p.name}${p.org ? `, ${p.org}` : ""}, ${p.city} (${p.cc}), ${c.email}` : null}
      {q.data && !q.data.outcome.ok ? ` — ${q.data.outcome.code} ${q.data.outcome.meaning}` : null}
      {q.error ? ` — ${q.error.message}` : null}
    </li>
  );
}

/** Operator changes to a domain the client sponsors: name servers, client statuses, renew, delete (transfers: TransferPanel). */
export function DomainActions({
  connectionId,
  domain,
  onChanged,
}: {
  connectionId: string;
  domain: {
    name: string;
    nameServers: string[];
    statuses: { s: string }[];
    exDate: string | null;
    sponsoredByUs: boolean;
  };
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<EppOutcome | null>(null);
  const [addNs, setAddNs] = useState("");
  const [remNs, setRemNs] = useState<string[]>([]);
  const [st, setSt] = useState<StatusChange<ClientStatus>>(NO_STATUS_CHANGE);
  const [years, setYears] = useState("1");
  const done = async (r: { outcome: EppOutcome }) => {
    setOutcome(r.outcome);
    await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
    if (r.outcome.ok) {
      setAddNs("");
      setRemNs([]);
      setSt(NO_STATUS_CHANGE);
      onChanged();
    }
  };
  const update = useMutation(trpc.registry.updateDomain.mutationOptions({ onSuccess: done }));
  const renew = useMutation(trpc.registry.renewDomain.mutationOptions({ onSuccess: done }));
  const del = useMutation(trpc.registry.deleteDomain.mutationOptions({ onSuccess: done }));
  const changed = lines(addNs).length + remNs.length + st.add.length + st.rem.length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!changed) return;
    setOutcome(null);
    update.mutate({
      connectionId,
      name: domain.name,
      add: { nameServers: lines(addNs), statuses: st.add },
      rem: { nameServers: remNs, statuses: st.rem },
    });
  };
  const error = update.error ?? renew.error ?? del.error;
  return (
    <div>
      {domain.sponsoredByUs ? (
        <>
          <form className="card form" onSubmit={submit} aria-labelledby="domain-edit-h">
            <h2 id="domain-edit-h">Change {domain.name}</h2>
            <RemoveFieldset
              legend="Remove name servers"
              values={domain.nameServers}
              selected={remNs}
              onChange={setRemNs}
            />
            <div className="field">
              <label htmlFor="domain-add-ns">Add name servers (host objects), one per line</label>
              <textarea
                id="domain-add-ns"
                rows={2}
                value={addNs}
                onChange={(e) => setAddNs(e.target.value)}
              />
            </div>
            <ClientStatusFieldset
              statuses={CLIENT_STATUSES}
              current={domain.statuses}
              value={st}
              onChange={setSt}
            />
            <div className="actions">
              <button type="submit" disabled={!changed || update.isPending}>
                Change domain
              </button>
            </div>
          </form>
          <div className="card">
            <h2>Renew or delete</h2>
            <label htmlFor="renew-years">Years</label>{" "}
            <select id="renew-years" value={years} onChange={(e) => setYears(e.target.value)}>
              {Array.from({ length: 10 }, (_, i) => String(i + 1)).map((y) => (
                <option key={y}>{y}</option>
              ))}
            </select>{" "}
            <ConfirmButton
              question={`Renew ${domain.name} for ${years} year(s)?`}
              onConfirm={() => {
                setOutcome(null);
                renew.mutate({
                  connectionId,
                  name: domain.name,
                  years: Number(years),
                  ...(domain.exDate && { curExpDate: domain.exDate.slice(0, 10) }),
                });
              }}
              disabled={renew.isPending}
            >
              Renew
            </ConfirmButton>{" "}
            <ConfirmButton
              question={`Delete ${domain.name} at the registry?`}
              onConfirm={() => {
                setOutcome(null);
                del.mutate({ connectionId, name: domain.name });
              }}
              disabled={del.isPending}
            >
              Delete domain
            </ConfirmButton>
            <p className="small muted">
              The registry refuses the delete (2305) while hosts are named under the domain.
            </p>
          </div>
        </>
      ) : (
        <p className="small muted">
          Another registrar sponsors {domain.name}: only its sponsor can change or delete it here; a transfer
          is queried or answered in the Transfer panel.
        </p>
      )}
      {error ? <ErrorView error={error} title="The registry command failed" compact /> : null}
      {outcome ? <OutcomeView outcome={outcome} object={domain.name} /> : null}
    </div>
  );
}

/** <domain:create> (operator): the authInfo is generated by the server and never shown. */
export function DomainCreateForm({
  connectionId,
  onCreated,
}: {
  connectionId: string;
  onCreated: (name: string) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState({ name: "", years: "1", ns: "", registrant: "", admin: "", tech: "" });
  const create = useMutation(
    trpc.registry.createDomain.mutationOptions({
      onSuccess: async (r) => {
        await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
        if (r.outcome.ok && r.domain) onCreated(r.domain.name);
      },
    }),
  );
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      connectionId,
      name: f.name.trim(),
      years: Number(f.years),
      nameServers: lines(f.ns),
      ...(f.registrant.trim() && { registrant: f.registrant.trim() }),
      contacts: [
        ...(f.admin.trim() ? [{ type: "admin" as const, id: f.admin.trim() }] : []),
        ...(f.tech.trim() ? [{ type: "tech" as const, id: f.tech.trim() }] : []),
      ],
    });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="domain-create-h">
      <h2 id="domain-create-h">New domain</h2>
      <div className="field">
        <label htmlFor="dc-name">Domain name</label>
        <input id="dc-name" value={f.name} onChange={set("name")} required maxLength={253} />
      </div>
      <div className="field">
        <label htmlFor="dc-years">Period (years)</label>
        <input id="dc-years" type="number" min={1} max={10} value={f.years} onChange={set("years")} />
      </div>
      <div className="field">
        <label htmlFor="dc-ns">Name servers (host objects), one per line</label>
        <textarea id="dc-ns" rows={2} value={f.ns} onChange={set("ns")} />
      </div>
      <div className="field">
        <label htmlFor="dc-registrant">Registrant contact id</label>
        <input id="dc-registrant" value={f.registrant} onChange={set("registrant")} maxLength={16} />
      </div>
      <div className="field">
        <label htmlFor="dc-admin">Admin contact id</label>
        <input id="dc-admin" value={f.admin} onChange={set("admin")} maxLength={16} />
      </div>
      <div className="field">
        <label htmlFor="dc-tech">Tech contact id</label>
        <input id="dc-tech" value={f.tech} onChange={set("tech")} maxLength={16} />
      </div>
      {create.error ? <ErrorView error={create.error} title="Could not create the domain" compact /> : null}
      {create.data && !create.data.outcome.ok ? (
        <OutcomeView outcome={create.data.outcome} object={f.name} />
      ) : null}
      <div className="actions">
        <button type="submit" disabled={create.isPending || !f.name.trim()}>
          Create domain
        </button>
      </div>
    </form>
  );
}
