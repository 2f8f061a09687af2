import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { useTRPC } from "../../trpc";

/** The connections and the selected one (`?conn=` in the URL, else the first). */
export function useSelectedConnection() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const connections = useQuery({ ...trpc.registry.connections.queryOptions(), refetchInterval: 15_000 });
  const wanted = params.get("conn");
  const selected = connections.data?.find((c) => c.id === wanted) ?? connections.data?.[0] ?? null;
  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("conn", id);
    setParams(next);
  };
  return { connections, selected, select, params, setParams };
}
