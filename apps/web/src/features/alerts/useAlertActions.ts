import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AlertItem } from "./types";
import { useTRPC } from "../../trpc";

/**
 * Ack / Unack / Resolve wired to the API, for any view that lists alerts. Tracks which alerts have
 * a request in flight and keeps the last error (FORBIDDEN, CONFLICT…) for display: `error` and `reset`
 * read like a mutation's, so ActionError shows it.
 */
export function useAlertActions() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<unknown>(null);

  const mark = (id: number, on: boolean) =>
    setBusy((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const common = {
    onMutate: (v: { id: number }) => {
      setError(null);
      mark(v.id, true);
    },
    onError: (e: unknown) => setError(e),
    onSettled: async (_d: unknown, _e: unknown, v: { id: number }) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.system.overview.queryKey() }),
      ]);
      mark(v.id, false);
    },
  };
  const ack = useMutation(trpc.alerts.acknowledge.mutationOptions(common));
  const unack = useMutation(trpc.alerts.unacknowledge.mutationOptions(common));
  const resolve = useMutation(trpc.alerts.resolve.mutationOptions(common));

  return {
    busyIds: busy,
    error,
    reset: () => setError(null),
    onAck: (a: Pick<AlertItem, "id">, note?: string) => ack.mutate({ id: a.id, ...(note ? { note } : {}) }),
    onUnack: (a: Pick<AlertItem, "id">) => unack.mutate({ id: a.id }),
    onResolve: (a: Pick<AlertItem, "id">, note?: string) =>
      resolve.mutate({ id: a.id, ...(note ? { note } : {}) }),
  };
}
