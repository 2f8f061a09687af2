import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRole } from "../../auth/session";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { Link } from "react-router";
import { domainHref, type RegistryPollMessage } from "./types";

const KIND: Record<RegistryPollMessage["kind"], string> = {
  transfer: "Transfer",
  "pending-action": "Pending action",
  server: "Server message",
};

/** The poll queue as read by the console; operators acknowledge (the next message then appears). */
export function PollList({ messages, now }: { messages: RegistryPollMessage[]; now?: number | undefined }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const ack = useMutation(
    trpc.registry.ackPoll.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.registry.pathKey() }),
    }),
  );
  return (
    <div>
      {ack.error ? <ErrorView error={ack.error} title="Could not acknowledge" compact /> : null}
      <ul className="card-list">
        {messages.map((m) => (
          <li key={m.id} className="card">
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
              {m.object ? ` · ${m.object}` : ""}
            </p>
            {m.kind === "transfer" && m.data ? (
              <p className="small">
                Status {String(m.data.trStatus)}; requested by {String(m.data.reID)}, acting client{" "}
                {String(m.data.acID)}
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
