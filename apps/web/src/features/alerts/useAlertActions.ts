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
  // Bulk actions: every id is busy until the batch settles; refusals come back per alert.
  const [bulkNote, setBulkNote] = useState<string | null>(null);
  const bulkCommon = {
    onMutate: (v: { ids: number[] }) => {
      setError(null);
      setBulkNote(null);
      for (const id of v.ids) mark(id, true);
    },
    onSuccess: (r: { results: { id: number; ok: boolean; error: string | null }[] }) => {
      const refused = r.results.filter((x) => !x.ok);
      if (refused.length)
        setBulkNote(`${refused.length} not changed: ${refused.map((x) => `#${x.id} ${x.error}`).join("; ")}`);
    },
    onError: (e: unknown) => setError(e),
    onSettled: async (_d: unknown, _e: unknown, v: { ids: number[] }) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.system.overview.queryKey() }),
      ]);
      for (const id of v.ids) mark(id, false);
    },
  };
  const ackMany = useMutation(trpc.alerts.acknowledgeMany.mutationOptions(bulkCommon));
  const resolveMany = useMutation(trpc.alerts.resolveMany.mutationOptions(bulkCommon));
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
    /** Alerts a bulk action did not change, and why (resolved meanwhile, gone). */
    bulkNote,
    clearBulkNote: () => setBulkNote(null),
    ackMany: (ids: number[]) => ackMany.mutateAsync({ ids }).catch(() => undefined),
    resolveMany: (ids: number[]) => resolveMany.mutateAsync({ ids }).catch(() => undefined),
  };
}
