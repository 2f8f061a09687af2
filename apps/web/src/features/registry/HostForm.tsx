import { checkHostCreate, superordinateDomain } from "@netops/protocols/epp";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../../components/StateView";
import { parseAddressList } from "./addresses";
import { OutcomeView } from "./OutcomeView";
import type { EppOutcome, RegistryConnection } from "./types";

/** The bailiwick rule, in words, for the host being typed. */
export function GlueHint({ name, zones }: { name: string; zones: string[] }) {
  const n = name.trim().toLowerCase();
  if (!n) {
    return (
      <p className="small muted">
        Addresses (glue) are only for hosts under a domain in this registry ({zones.join(", ")}); hosts
        elsewhere get none (RFC 5732 §3.2.1).
      </p>
    );
  }
  const sup = superordinateDomain(n, zones);
  return (
    <p className="small muted" data-testid="glue-hint">
      {sup
        ? `${n} is under ${sup}, a domain of this registry: give it its addresses (glue); the domain must exist and be yours.`
        : `${n} is outside this registry (${zones.join(", ")}): it takes no addresses; its own zone publishes them.`}
    </p>
  );
}

/** Create a host object (operator), with the RFC 5732 rules checked as you type and a confirmation step. */
export function HostForm({ connection, onDone }: { connection: RegistryConnection; onDone?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [addrText, setAddrText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<EppOutcome | null>(null);
  const create = useMutation(
    trpc.registry.createHost.mutationOptions({
      onSuccess: async (r) => {
        setOutcome(r.outcome);
        setConfirming(false);
        await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
        if (r.outcome.ok) {
          setName("");
          setAddrText("");
          onDone?.();
        }
      },
      onError: () => setConfirming(false),
    }),
  );
  const n = name.trim().toLowerCase();
  // Glue only for hosts under a domain of this registry: the address field is shown (and needs at
  // least one address) for those alone; for any other host nothing typed earlier is sent.
  const glue = n !== "" && superordinateDomain(n, connection.zones) !== null;
  const addrs = glue ? parseAddressList(addrText) : [];
  const needsGlue = glue && addrs.length === 0;
  const issues = name.trim()
    ? checkHostCreate({ name: name.trim().toLowerCase(), addrs }, { zones: connection.zones })
    : [];
  const errors = issues.filter((i) => i.severity === "error");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errors.length > 0 || needsGlue) return;
    if (!confirming) return setConfirming(true);
    setOutcome(null);
    create.mutate({ connectionId: connection.id, name: name.trim(), addrs });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="host-new-h">
      <h2 id="host-new-h">New host object at {connection.name}</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="host-name">Host name</label>
          <input
            id="host-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setConfirming(false);
            }}
            placeholder={`ns1.your-domain.${connection.zones[0] ?? "example"}`}
            required
            maxLength={253}
          />
        </div>
        {glue ? (
          <div className="field">
            <label htmlFor="host-addrs">Addresses (glue), one per line</label>
            <textarea
              id="host-addrs"
              rows={3}
              value={addrText}
              onChange={(e) => {
                setAddrText(e.target.value);
                setConfirming(false);
              }}
              placeholder={"192.0.2.53\n2001:db8::53"}
              required
              aria-describedby="host-glue-required"
            />
            <p id="host-glue-required" className="small muted">
              Required: a host under a domain of this registry needs its glue to be reachable.
            </p>
          </div>
        ) : null}
      </div>
      <GlueHint name={name} zones={connection.zones} />
      {issues.length > 0 ? (
        <ul className="issues" aria-label="Problems">
          {issues.map((i) => (
            <li key={i.reason} className={i.severity === "error" ? "error" : "warning"}>
              {i.reason} <span className="muted small">(the registry would answer {i.code})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {create.error ? <ErrorView error={create.error} title="Could not create the host" compact /> : null}
      {outcome ? <OutcomeView outcome={outcome} object={name} /> : null}
      <div className="actions">
        {confirming ? (
          <>
            <span className="small">
              Send &lt;host:create&gt; for {name.trim().toLowerCase()}
              {addrs.length > 0 ? ` with ${addrs.map((a) => a.address).join(", ")}` : ""} to {connection.name}
              ?
            </span>{" "}
            <button type="submit" disabled={create.isPending}>
              Confirm create
            </button>{" "}
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="submit" disabled={errors.length > 0 || !n || needsGlue}>
            Create host
          </button>
        )}
      </div>
    </form>
  );
}
