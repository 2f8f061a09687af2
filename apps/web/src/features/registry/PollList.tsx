import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useRole } from "../../auth/session";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { Link } from "react-router";
import { domainHref, type RegistryPollMessage } from "./types";
import { EntityLink } from "../../components/EntityLink";
import { IdentifierLink } from "../../components/EntityLinkAuto";

const KIND: Record<RegistryPollMessage["kind"], string> = {
  transfer: "Transfer",
  "pending-action": "Pending action",
  server: "Server message",
};

/**
 * The poll queue as read by the console; operators acknowledge (the next message then appears).
 * `focusId`: the message a link opened (`?message=`), marked, scrolled to and focused once.
 */
export function PollList({
  messages,
  now,
  focusId,
  label = "Poll messages",
}: {
  messages: RegistryPollMessage[];
  now?: number | undefined;
  focusId?: number | undefined;
  label?: string;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const focused = useRef<HTMLLIElement>(null);
  const shown = focusId !== undefined && messages.some((m) => m.id === focusId);
  // Once per message: a refetch every 15 s must not pull the page back while the operator reads on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: another linked message is focused in turn
  useEffect(() => {
    const el = focused.current;
    if (!shown || !el) return;
    el.scrollIntoView?.({ block: "center" });
    el.focus({ preventScroll: true });
  }, [shown, focusId]);
  const ack = useMutation(
    trpc.registry.ackPoll.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() }),
    }),
  );
  return (
    <div>
      {ack.error ? <ErrorView error={ack.error} title="Could not acknowledge" compact /> : null}
      <ul className="card-list" aria-label={label}>
        {messages.map((m) => (
          <li
            key={m.id}
            className="card poll-card"
            aria-label={`Message ${m.msgId}`}
            {...(m.id === focusId && { ref: focused, tabIndex: -1, "aria-current": true })}
          >
            <p>
              <span className={`chip ${m.transferAway ? "health-degraded" : "muted-chip"}`}>
                {KIND[m.kind]}
                {m.transferAway ? " away" : ""}
              </span>{" "}
              <strong>{m.text}</strong>
            </p>
            <p className="small muted">
              {m.connectionName} · message {m.msgId}
              {m.qDate ? (
                <>
                  {" "}
                  · queued <Time iso={m.qDate} relative now={now} />
                </>
              ) : null}
              {m.object ? (
                <>
                  {" "}
                  · <IdentifierLink value={m.object} />
                </>
              ) : null}
            </p>
            {m.kind === "transfer" && m.data ? (
              <p className="small">
                Status {String(m.data.trStatus)}; requested by{" "}
                <EntityLink kind="handle" value={String(m.data.reID)} />, acting client{" "}
                <EntityLink kind="handle" value={String(m.data.acID)} />
                {m.transferAway
                  ? ": a domain you sponsor is being transferred away — approve or reject it before the deadline."
                  : "."}{" "}
                {m.object ? (
                  <Link to={domainHref({ connectionId: m.connectionId, name: m.object })}>
                    {m.transferAway ? `Answer the transfer of ${m.object}` : `Open ${m.object}`}
                  </Link>
                ) : null}
              </p>
            ) : null}
            {m.ackedAt ? (
              <p className="small muted">
                Acknowledged by {m.ackedBy} <Time iso={m.ackedAt} relative now={now} />
              </p>
            ) : roleAtLeast(role, "operator") ? (
              <button
                type="button"
                className="btn-sm"
                disabled={ack.isPending}
                onClick={() => ack.mutate({ id: m.id })}
              >
                Acknowledge {m.msgId}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
