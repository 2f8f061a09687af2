import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../trpc";
import { Empty, ErrorView } from "../../components/StateView";
import { OutcomeView } from "./OutcomeView";
import type { EppOutcome, RegistryHost } from "./types";

/**
 * Link or unlink a host as a name server of one of the client's domains (<domain:update> add/rem
 * ns): what makes the registry set `linked` and refuse the host's delete with 2305.
 */
export function HostLinks({ host }: { host: RegistryHost }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const domains = useQuery(trpc.registry.domains.queryOptions({ connectionId: host.connectionId }));
  const conn = useQuery(trpc.registry.connection.queryOptions({ id: host.connectionId }));
  const [domain, setDomain] = useState("");
  const [outcome, setOutcome] = useState<EppOutcome | null>(null);
  const update = useMutation(
    trpc.registry.updateDomain.mutationOptions({
      onSuccess: async (r) => {
        setOutcome(r.outcome);
        await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
      },
    }),
  );
  const ours = (domains.data ?? []).filter(
    (d) => !d.gone && d.sponsor === conn.data?.clientId && !host.linkedDomains.includes(d.name),
  );
  const loading = domains.isPending || conn.isPending;
  const loadError = domains.error ?? conn.error;
  const link = (e: FormEvent) => {
    e.preventDefault();
    const name = domain || ours[0]?.name;
    if (!name) return;
    setOutcome(null);
    update.mutate({ connectionId: host.connectionId, name, add: { nameServers: [host.name] } });
  };
  return (
    <div className="card">
      <h2>Name server of</h2>
      {host.linkedDomains.length > 0 ? (
        <ul className="plain">
          {host.linkedDomains.map((d) => (
            <li key={d}>
              {d}{" "}
              <button
                type="button"
                className="btn-sm secondary"
                disabled={update.isPending}
                onClick={() => {
                  setOutcome(null);
                  update.mutate({
                    connectionId: host.connectionId,
                    name: d,
                    rem: { nameServers: [host.name] },
                  });
                }}
              >
                Unlink from {d}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty title="No domain the console has read uses this host." />
      )}
      <form className="inline-form" onSubmit={link}>
        <label htmlFor="link-domain">Link to domain</label>{" "}
        <select id="link-domain" value={domain} onChange={(e) => setDomain(e.target.value)}>
          {ours.length === 0 ? (
            <option value="">{loading ? "(loading your domains…)" : "(no domain of yours to link)"}</option>
          ) : null}
          {ours.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>{" "}
        <button type="submit" disabled={ours.length === 0 || update.isPending}>
          Link host
        </button>
      </form>
      {loading && !loadError ? (
        <p className="small muted" role="status">
          Loading your domains…
        </p>
      ) : null}
      {loadError ? <ErrorView error={loadError} title="Could not load your domains" compact /> : null}
      <p className="small muted">
        Sends &lt;domain:update&gt; adding this host as a name server; the registry then marks it linked, and
        refuses to delete it (2305) until it is unlinked.
      </p>
      {update.error ? <ErrorView error={update.error} title="Could not change the domain" compact /> : null}
      {outcome && !outcome.ok ? <OutcomeView outcome={outcome} object={host.name} /> : null}
    </div>
  );
}
