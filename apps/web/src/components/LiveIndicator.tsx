export type LiveStatus = "live" | "connecting" | "reconnecting" | "offline";

const TEXT: Record<LiveStatus, string> = {
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "Offline — updates paused",
};

/** Small status of the live-update stream. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span className={`live live-${status}`} role="status" title="Live updates of alerts">
      <span className="live-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
