import type { RouterInputs } from "@netops/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorView } from "../../components/StateView";
import { useTRPC } from "../../trpc";

type CreateInput = RouterInputs["dns"]["create"];
type Server = NonNullable<CreateInput["servers"]>[number];

/** "label primary|secondary host[:port]" per line → servers; errors name the line. */
export function parseServers(text: string): Server[] | string {
  const out: Server[] = [];
  const lines = text.split("\n").map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l) continue;
    const m = /^(\S+)\s+(primary|secondary)\s+(\[[^\]]+\]|[^\s:]+|[0-9a-fA-F:]+?)(?::(\d+))?$/.exec(l);
    if (!m) return `servers line ${i + 1}: expected "label primary|secondary host[:port]"`;
    out.push({
      label: m[1]!,
      role: m[2] as Server["role"],
      host: m[3]!.replace(/^\[|\]$/g, ""),
      port: m[4] ? Number(m[4]) : 53,
    });
  }
  return out;
}

/** Add a zone to watch (admin). */
export function ZoneForm({ onDone }: { onDone?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [sourceKind, setKind] = useState<CreateInput["sourceKind"]>("axfr");
  const [source, setSource] = useState("");
  const [servers, setServers] = useState("");
  const [mode, setMode] = useState<"enforce" | "log-only">("enforce");
  const [expectZonemd, setExpect] = useState(true);
  const [serversFromNs, setFromNs] = useState(false);
  const [interval, setInterval] = useState(3600);
  const [tsig, setTsig] = useState({ name: "", algorithm: "hmac-sha256", secret: "" });
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useMutation(
    trpc.dns.create.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.dns.list.queryKey() });
        setName("");
        setSource("");
        setServers("");
        setTsig({ name: "", algorithm: "hmac-sha256", secret: "" });
        onDone?.();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseServers(servers);
    if (typeof parsed === "string") {
      setLocalError(parsed);
      return;
    }
    setLocalError(null);
    create.mutate({
      name: name.trim(),
      sourceKind,
      source: source.trim(),
      servers: parsed,
      serversFromNs,
      mode,
      expectZonemd,
      intervalSeconds: interval,
      tsig: sourceKind === "axfr" && tsig.name && tsig.secret ? tsig : null,
    });
  };
  const placeholder =
    sourceKind === "axfr"
      ? "192.0.2.53:53"
      : sourceKind === "file"
        ? "/var/lib/zones/example.zone"
        : "https://…";
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="dns-new-h">
      <h2 id="dns-new-h">Watch a zone</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="dns-name">Zone name</label>
          <input
            id="dns-name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="example.net."
          />
        </div>
        <div className="field">
          <label htmlFor="dns-kind">Source</label>
          <select
            id="dns-kind"
            value={sourceKind}
            onChange={(e) => setKind(e.target.value as CreateInput["sourceKind"])}
          >
            <option value="axfr">AXFR from a server</option>
            <option value="file">Zone file (inside dns.zoneDirs)</option>
            <option value="https">https URL (listed in dns.httpsUrls)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="dns-source">
            {sourceKind === "axfr" ? "Server[:port]" : sourceKind === "file" ? "Path" : "URL"}
          </label>
          <input
            id="dns-source"
            required
            value={source}
            onChange={(e) => setSource(e.target.value)}
            placeholder={placeholder}
          />
        </div>
        <div className="field">
          <label htmlFor="dns-interval">Check every (seconds)</label>
          <input
            id="dns-interval"
            type="number"
            min={10}
            value={interval}
            onChange={(e) => setInterval(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="dns-mode">On a ZONEMD failure</label>
          <select
            id="dns-mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as "enforce" | "log-only")}
          >
            <option value="enforce">Enforce: reject the copy, keep the last good one</option>
            <option value="log-only">Log only: record it, accept the copy</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={expectZonemd} onChange={(e) => setExpect(e.target.checked)} />
          Expect a ZONEMD record (warn when missing)
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={serversFromNs} onChange={(e) => setFromNs(e.target.checked)} />
        Also watch the zone's NS set (in-zone name server addresses from the zone itself, port 53)
      </label>
      <div className="field">
        <label htmlFor="dns-servers">
          Servers to watch (one per line: label primary|secondary host[:port])
        </label>
        <textarea
          id="dns-servers"
          rows={3}
          value={servers}
          onChange={(e) => setServers(e.target.value)}
          placeholder={"ns1 primary 192.0.2.53\nns2 secondary 198.51.100.53:53"}
        />
      </div>
      {sourceKind === "axfr" ? (
        <fieldset>
          <legend>TSIG (optional)</legend>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="dns-tsig-name">Key name</label>
              <input
                id="dns-tsig-name"
                value={tsig.name}
                onChange={(e) => setTsig({ ...tsig, name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="dns-tsig-alg">Algorithm</label>
              <select
                id="dns-tsig-alg"
                value={tsig.algorithm}
                onChange={(e) => setTsig({ ...tsig, algorithm: e.target.value })}
              >
                {["hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1"].map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="dns-tsig-secret">Secret (base64, write-only)</label>
              <input
                id="dns-tsig-secret"
                type="password"
                autoComplete="off"
                value={tsig.secret}
                onChange={(e) => setTsig({ ...tsig, secret: e.target.value })}
              />
            </div>
          </div>
        </fieldset>
      ) : null}
      {localError ? <p className="form-error">{localError}</p> : null}
      {create.error ? <ErrorView error={create.error} title="Could not add the zone" compact /> : null}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          Add zone
        </button>
      </div>
    </form>
  );
}
