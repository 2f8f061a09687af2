import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../StateView";

const EMPTY = {
  name: "",
  host: "",
  port: "700",
  clientId: "",
  password: "",
  clientCert: "",
  clientKey: "",
  caCert: "",
  zones: "",
};

/** Add a registry connection (admin). The password and key are sent once and never shown again. */
export function ConnectionForm({ onDone }: { onDone?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState(EMPTY);
  const create = useMutation(
    trpc.registry.createConnection.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
        setF(EMPTY);
        onDone?.();
      },
    }),
  );
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      name: f.name,
      host: f.host,
      port: Number(f.port),
      clientId: f.clientId,
      password: f.password,
      clientCert: f.clientCert,
      clientKey: f.clientKey,
      caCert: f.caCert,
      zones: f.zones.split(/[\s,]+/).filter(Boolean),
    });
  };
  const field = (k: keyof typeof EMPTY, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`conn-${k}`}>{label}</label>
      <input id={`conn-${k}`} type={type} value={f[k]} onChange={set(k)} required autoComplete="off" />
    </div>
  );
  const pem = (k: keyof typeof EMPTY, label: string) => (
    <div className="field">
      <label htmlFor={`conn-${k}`}>{label}</label>
      <textarea id={`conn-${k}`} rows={4} value={f[k]} onChange={set(k)} required spellCheck={false} />
    </div>
  );
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="conn-new-h">
      <h2 id="conn-new-h">New registry connection</h2>
      <div className="grid-2">
        {field("name", "Name")}
        {field("host", "Registry host")}
        {field("port", "Port", "number")}
        {field("clientId", "Client id")}
        {field("password", "Password (write-only)", "password")}
        {field("zones", "Zones the registry serves (e.g. example, co.uk)")}
      </div>
      {pem("clientCert", "Client certificate (PEM)")}
      {pem("clientKey", "Client key (PEM, write-only, encrypted at rest)")}
      {pem("caCert", "CA of the registry's server certificate (PEM)")}
      {create.error ? <ErrorView error={create.error} title="Could not add the connection" compact /> : null}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          Add connection
        </button>
      </div>
    </form>
  );
}
