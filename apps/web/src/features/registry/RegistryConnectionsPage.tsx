import { roleAtLeast } from "@netops/protocols";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "../../auth/session";
import { AddToggle } from "../../components/AddToggle";
import { ListStateView } from "../../components/ListStateView";
import { ConnectionCard } from "./ConnectionCard";
import { CONNECTIONS_ERROR_TITLE, NO_CONNECTION_TITLE } from "./ConnectionsGate";
import { ConnectionForm } from "./ConnectionForm";
import { RegistryNav } from "./RegistryNav";
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
          <AddToggle open={adding} setOpen={setAdding}>
            Add connection
          </AddToggle>
        ) : null}
      </div>
      <RegistryNav />
      {adding ? <ConnectionForm onDone={() => setAdding(false)} /> : null}
      <ListStateView
        query={connections}
        loadingLabel="Loading registry connections…"
        errorTitle={CONNECTIONS_ERROR_TITLE}
        emptyTitle={NO_CONNECTION_TITLE}
      >
        {(list) => list.map((c) => <ConnectionCard key={c.id} c={c} now={now} />)}
      </ListStateView>
    </section>
  );
}
