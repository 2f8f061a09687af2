import type { ReactNode } from "react";
import { Empty, ErrorView } from "../../components/StateView";
import type { RegistryConnection } from "./types";

// Every registry page shows these when it has no connection to work with (stories-setup.ts expects them).
export const CONNECTIONS_ERROR_TITLE = "Could not load the registry connections";
export const NO_CONNECTION_TITLE = "No registry connection is configured.";

/**
 * A page's content once the registry connections are known to exist: their error, or the message that
 * there are none, instead. While they load, the content shows (its own query waits for a connection).
 */
export function ConnectionsGate({
  connections,
  children,
}: {
  connections: { error: unknown; data: readonly RegistryConnection[] | undefined };
  children: ReactNode;
}) {
  if (connections.error) return <ErrorView error={connections.error} title={CONNECTIONS_ERROR_TITLE} />;
  if (connections.data?.length === 0) return <Empty title={NO_CONNECTION_TITLE} />;
  return <>{children}</>;
}
