import { useNow } from "../hooks/useNow";
import { type ZoneMode, formatAge, formatTime } from "../lib/time";
import { useZoneMode } from "../lib/timeZoneMode";

export interface TimeProps {
  /** ISO timestamp from the API; null/undefined renders "—". */
  iso: string | null | undefined;
  /** Also show the age ("5m ago"); "only" shows just the age (the time stays in the title). */
  relative?: boolean | "only";
  /** Fixed "now" (ms) for stories/tests; otherwise a ticking clock. */
  now?: number;
  /** How often the age re-renders when ticking. */
  tickMs?: number;
  /** Fixed display zone (stories/tests); otherwise the console's UTC/local choice. */
  mode?: ZoneMode;
  className?: string;
}

const other = (mode: ZoneMode): ZoneMode => (mode === "utc" ? "local" : "utc");

/**
 * One way to show a timestamp: in the console's display zone (UTC or local, the toggle in the top
 * bar) as text, the other zone on hover. Both always name their zone.
 */
export function Time({ iso, relative = false, now, tickMs = 15_000, mode, className }: TimeProps) {
  const chosen = useZoneMode();
  const zone = mode ?? chosen;
  if (!iso || formatTime(iso) === "—") return <span className={className}>—</span>;
  if (!relative) {
    return (
      <time dateTime={iso} title={formatTime(iso, other(zone))} className={className}>
        {formatTime(iso, zone)}
      </time>
    );
  }
  return (
    <RelativeTime iso={iso} relative={relative} now={now} tickMs={tickMs} zone={zone} className={className} />
  );
}

function RelativeTime({
  iso,
  relative,
  now,
  tickMs,
  zone,
  className,
}: {
  iso: string;
  relative: true | "only";
  now: number | undefined;
  tickMs: number;
  zone: ZoneMode;
  className: string | undefined;
}) {
  const ticking = useNow(tickMs);
  const age = formatAge(iso, now ?? ticking);
  const shown = formatTime(iso, zone);
  if (relative === "only") {
    return (
      <time dateTime={iso} title={`${shown} — ${formatTime(iso, other(zone))}`} className={className}>
        {age}
      </time>
    );
  }
  return (
    <span className={className}>
      <time dateTime={iso} title={formatTime(iso, other(zone))}>
        {shown}
      </time>{" "}
      <span className="muted">({age})</span>
    </span>
  );
}
