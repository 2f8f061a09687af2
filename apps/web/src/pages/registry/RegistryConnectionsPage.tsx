import { roleAtLeast } from "@netops/protocols";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "../../auth/session";
import { ConnectionCard } from "../../components/registry/ConnectionCard";
import { ConnectionForm } from "../../components/registry/ConnectionForm";
import { RegistryNav } from "../../components/registry/RegistryNav";
import { Empty, StateView } from "../../components/StateView";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";

/** Registry connections: the greeting, session state and round-trip times; admins add and change them. */
export function RegistryConnectionsPage({ now }: { now?: number }) {
  useTitle("Registry connections");
  const trpc = useTRPC();
  const role = useRole();
  const [adding, setAdding] = useState(false);
  const connections = useQuery({ ...trpc.registry.connections.queryOptions(), refetchInterval: 10_000 });
  return (
    <section className="page">
      <div className="page-head">
        <h1>Registry connections</h1>
        {roleAtLeast(role, "admin") ? (
          <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {adding ? "Close" : "Add connection"}
          </button>
        ) : null}
      </div>
      <RegistryNav />
      {adding ? <ConnectionForm onDone={() => setAdding(false)} /> : null}
      <StateView
        query={connections}
        loadingLabel="Loading registry connections…"
        errorTitle="Could not load the registry connections"
        isEmpty={(d) => d.length === 0}
        empty={<Empty title="No registry connection is configured." />}
      >
        {(list) => (
          <>
            {list.map((c) => (
              <ConnectionCard key={c.id} c={c} now={now} />
            ))}
          </>
        )}
      </StateView>
    </section>
  );
}
