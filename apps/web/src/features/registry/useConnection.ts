import { useQuery } from "@tanstack/react-query";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { connectionParamSchema } from "./filters";

/** The connections and the selected one (`?conn=` in the URL, else the first). */
export function useSelectedConnection() {
  const trpc = useTRPC();
  const [{ conn }, setState] = useUrlState(connectionParamSchema);
  const connections = useQuery({ ...trpc.registry.connections.queryOptions(), refetchInterval: 15_000 });
  const selected = connections.data?.find((c) => c.id === conn) ?? connections.data?.[0] ?? null;
  const select = (id: string) => setState({ conn: id });
  return { connections, selected, select };
}
