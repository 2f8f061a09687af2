import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRole } from "../../auth/session";
import { useTRPC } from "../../trpc";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorView } from "../../components/StateView";
import type { DhcpSourceView } from "./SourceList";

/**
 * Per-source actions: poll now (operator), enable/disable and remove (admin). Hidden from roles
 * that may not use them; the server checks the role again and its refusal is shown as is.
 */
export function SourceActions({ source }: { source: DhcpSourceView }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const done = { onSuccess: () => qc.invalidateQueries({ queryKey: trpc.dhcp.pathKey() }) };
  const poll = useMutation(trpc.dhcp.pollNow.mutationOptions(done));
  const enable = useMutation(trpc.dhcp.setSourceEnabled.mutationOptions(done));
  const remove = useMutation(trpc.dhcp.deleteSource.mutationOptions(done));
  if (!roleAtLeast(role, "operator")) return null;
  const admin = roleAtLeast(role, "admin");
  const busy = poll.isPending || enable.isPending || remove.isPending;
  const failed = poll.error ?? enable.error ?? remove.error;
  const pollResult = poll.data;
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="btn-sm"
          disabled={busy || !source.enabled}
          onClick={() => poll.mutate({ id: source.id })}
        >
          Poll now
        </button>
        {admin ? (
          <>
            <button
              type="button"
              className="btn-sm"
              disabled={busy}
              onClick={() => enable.mutate({ id: source.id, enabled: !source.enabled })}
            >
              {source.enabled ? `Disable` : `Enable`}
            </button>
            <ConfirmButton
              disabled={busy}
              ariaLabel={`Remove source ${source.name}`}
              question={`Remove ${source.name} and its ${source.leaseCount.toLocaleString("en")} stored leases and history?`}
              onConfirm={() => remove.mutate({ id: source.id })}
            >
              Remove
            </ConfirmButton>
          </>
        ) : null}
      </div>
      {pollResult ? (
        <p className="small muted" role="status">
          {pollResult.ok
            ? `Polled: ${pollResult.upserted} lease(s) changed, ${pollResult.removed} removed.`
            : `Poll failed: ${pollResult.error ?? "unknown error"}`}
        </p>
      ) : null}
      {failed ? (
        <ErrorView
          compact
          error={failed}
          title={`Could not change ${source.name}`}
          onDismiss={() => {
            poll.reset();
            enable.reset();
            remove.reset();
          }}
        />
      ) : null}
    </div>
  );
}
