import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../../components/StateView";
import type { RegistryConnection } from "./types";

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

const list = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Edit a connection's settings (admin). Only changed fields are sent; the password and client key
 * are write-only: left empty they keep their stored (encrypted) values.
 */
export function ConnectionEditForm({ c, onDone }: { c: RegistryConnection; onDone?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState({
    host: c.host,
    port: String(c.port),
    clientId: c.clientId,
    objURIs: c.objURIs.join("\n"),
    extURIs: c.extURIs.join("\n"),
    zones: c.zones.join(", "),
    caCert: "",
    clientCert: "",
    password: "",
    clientKey: "",
  });
  const update = useMutation(
    trpc.registry.updateConnection.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
        onDone?.();
      },
    }),
  );
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      id: c.id,
      ...(f.host !== c.host && { host: f.host }),
      ...(Number(f.port) !== c.port && { port: Number(f.port) }),
      ...(f.clientId !== c.clientId && { clientId: f.clientId }),
      objURIs: list(f.objURIs),
      extURIs: list(f.extURIs),
      zones: list(f.zones),
      ...(f.caCert.trim() && { caCert: f.caCert }),
      ...(f.clientCert.trim() && { clientCert: f.clientCert }),
      ...(f.password && { password: f.password }),
      ...(f.clientKey.trim() && { clientKey: f.clientKey }),
    });
  };
  const id = (k: string) => `conn-edit-${c.id}-${k}`;
  return (
    <form className="card form" onSubmit={submit} aria-label={`Edit ${c.name}`}>
      <div className="field">
        <label htmlFor={id("host")}>Host</label>
        <input id={id("host")} value={f.host} onChange={set("host")} required />
      </div>
      <div className="field">
        <label htmlFor={id("port")}>Port</label>
        <input id={id("port")} type="number" min={1} max={65535} value={f.port} onChange={set("port")} />
      </div>
      <div className="field">
        <label htmlFor={id("client")}>Client id</label>
        <input id={id("client")} value={f.clientId} onChange={set("clientId")} required />
      </div>
      <div className="field">
        <label htmlFor={id("obj")}>Object URIs, one per line</label>
        <textarea id={id("obj")} rows={3} value={f.objURIs} onChange={set("objURIs")} />
      </div>
      <div className="field">
        <label htmlFor={id("ext")}>Extension URIs, one per line</label>
        <textarea id={id("ext")} rows={2} value={f.extURIs} onChange={set("extURIs")} />
      </div>
      <div className="field">
        <label htmlFor={id("zones")}>Zones</label>
        <input id={id("zones")} value={f.zones} onChange={set("zones")} />
      </div>
      <div className="field">
        <label htmlFor={id("ca")}>
          CA certificate (PEM) — leave empty to keep {c.caSubject ?? "the current one"}
        </label>
        <textarea id={id("ca")} rows={3} value={f.caCert} onChange={set("caCert")} />
      </div>
      <div className="field">
        <label htmlFor={id("cert")}>
          Client certificate (PEM) — leave empty to keep {c.clientCertSubject ?? "the current one"}
        </label>
        <textarea id={id("cert")} rows={3} value={f.clientCert} onChange={set("clientCert")} />
      </div>
      <div className="field">
        <label htmlFor={id("pw")}>Password — leave empty to keep</label>
        <input
          id={id("pw")}
          type="password"
          autoComplete="new-password"
          value={f.password}
          onChange={set("password")}
        />
      </div>
      <div className="field">
        <label htmlFor={id("key")}>Client key (PEM) — leave empty to keep</label>
        <textarea id={id("key")} rows={3} value={f.clientKey} onChange={set("clientKey")} />
      </div>
      {update.error ? <ErrorView error={update.error} title="Could not save the connection" compact /> : null}
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          Save connection
        </button>{" "}
        {onDone ? (
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
