/**
 * A domain's transfer (RFC 5731 §3.2.4): query its state, and answer a pending one — the sponsor
 * approves or rejects a transfer away, the requesting client cancels its own. Each answer asks
 * first; the registry decides who may (2201) and whether one is pending (2301), and says so.
 */
import { roleAtLeast } from "@netops/protocols";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTRPC } from "../../trpc";
import { OutcomeView } from "./OutcomeView";
import type { EppOutcome, RegistryTransfer } from "./types";
import { EntityLink } from "../../components/EntityLink";

type Answer = "approve" | "reject" | "cancel";

const STATUS: Record<RegistryTransfer["status"], string> = {
  pending: "pending",
  clientApproved: "approved by the sponsor",
  clientRejected: "rejected by the sponsor",
  clientCancelled: "cancelled by the requester",
  serverApproved: "approved by the registry",
  serverCancelled: "cancelled by the registry",
};

/** The question each answer asks before it is sent. */
export function answerQuestion(op: Answer, domain: string, t: RegistryTransfer | null): string {
  const to = t ? ` to ${t.requestedBy}` : "";
  if (op === "approve") return `Approve the transfer of ${domain}${to}? It leaves your registrar.`;
  if (op === "reject") return `Reject the transfer of ${domain}${to}? It stays with your registrar.`;
  return `Cancel your transfer request for ${domain}?`;
}

export function TransferPanel({
  connectionId,
  domain,
  onChanged,
}: {
  connectionId: string;
  domain: { name: string; sponsoredByUs: boolean; statuses: { s: string }[] };
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const [outcome, setOutcome] = useState<EppOutcome | null>(null);
  const [transfer, setTransfer] = useState<RegistryTransfer | null>(null);
  const query = useMutation(
    trpc.registry.transferQuery.mutationOptions({
      onSuccess: (r) => {
        setTransfer(r.transfer);
        setOutcome(r.outcome.ok ? null : r.outcome);
      },
    }),
  );
  const answer = useMutation(
    trpc.registry.answerTransfer.mutationOptions({
      onSuccess: async (r) => {
        setOutcome(r.outcome);
        if (r.transfer) setTransfer(r.transfer);
        await qc.invalidateQueries({ queryKey: trpc.registry.pathKey() });
        if (r.outcome.ok) onChanged();
      },
    }),
  );
  const pending =
    transfer?.status === "pending" ||
    (transfer === null && domain.statuses.some((s) => s.s === "pendingTransfer"));
  // Who may answer follows RFC 5731; the registry has the last word (a refusal shows its code).
  const ops: Answer[] = !pending
    ? []
    : transfer
      ? [
          ...(transfer.awayFromUs ? (["approve", "reject"] as const) : []),
          ...(transfer.toUs ? (["cancel"] as const) : []),
        ]
      : domain.sponsoredByUs
        ? ["approve", "reject"]
        : ["cancel"];
  const send = (op: Answer) => {
    setOutcome(null);
    answer.mutate({ connectionId, name: domain.name, op });
  };
  return (
    <section className="card" aria-labelledby="transfer-h">
      <h2 id="transfer-h">Transfer</h2>
      {transfer ? (
        <p data-testid="transfer-state">
          Transfer <strong>{STATUS[transfer.status]}</strong>: requested by{" "}
          <EntityLink kind="handle" value={transfer.requestedBy} /> <Time iso={transfer.requestedAt} />,
          acting client <EntityLink kind="handle" value={transfer.actingClient} />,{" "}
          {transfer.status === "pending" ? "to answer by " : "answered "}
          <Time iso={transfer.actBy} />
          {transfer.awayFromUs && transfer.status === "pending"
            ? " — this domain is being transferred away from you."
            : "."}
        </p>
      ) : pending ? (
        <p data-testid="transfer-state">
          A transfer of {domain.name} is pending
          {domain.sponsoredByUs ? ": another registrar asked for it." : "."}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={query.isPending}
          onClick={() => {
            setOutcome(null);
            query.mutate({ connectionId, name: domain.name });
          }}
        >
          Query transfer
        </button>
        {roleAtLeast(role, "operator")
          ? ops.map((op) => (
              <ConfirmButton
                key={op}
                className={op === "approve" ? "btn-sm danger" : "btn-sm"}
                question={answerQuestion(op, domain.name, transfer)}
                onConfirm={() => send(op)}
                disabled={answer.isPending}
              >
                {op === "approve"
                  ? "Approve transfer"
                  : op === "reject"
                    ? "Reject transfer"
                    : "Cancel transfer"}
              </ConfirmButton>
            ))
          : null}
      </div>
      {(query.error ?? answer.error) ? (
        <ErrorView error={query.error ?? answer.error} title="The transfer command failed" compact />
      ) : null}
      {outcome ? <OutcomeView outcome={outcome} object={domain.name} /> : null}
    </section>
  );
}
