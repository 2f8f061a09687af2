import type { AlertState } from "@netops/protocols";

const TEXT: Record<AlertState, string> = {
  firing: "Firing",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

export function AlertStateBadge({ state }: { state: AlertState }) {
  return <span className={`chip state state-${state}`}>{TEXT[state]}</span>;
}

export function SilencedBadge({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <span className="chip silenced" title={`Silenced by ${ids.join(", ")}`}>
      <span aria-hidden="true">⊘</span> Silenced
    </span>
  );
}
