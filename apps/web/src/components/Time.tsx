import { useNow } from "../hooks/useNow";
import { formatAge, formatLocal, formatUtc } from "../lib/time";

export interface TimeProps {
  /** ISO timestamp from the API; null/undefined renders "—". */
  iso: string | null | undefined;
  /** Also show the age ("5m ago"); "only" shows just the age (UTC stays in the title). */
  relative?: boolean | "only";
  /** Fixed "now" (ms) for stories/tests; otherwise a ticking clock. */
  now?: number;
  /** How often the age re-renders when ticking. */
  tickMs?: number;
  className?: string;
}

/** One way to show a timestamp: UTC as text, the browser's local time on hover. */
export function Time({ iso, relative = false, now, tickMs = 15_000, className }: TimeProps) {
  if (!iso || formatUtc(iso) === "—") return <span className={className}>—</span>;
  if (!relative) {
    return (
      <time dateTime={iso} title={formatLocal(iso)} className={className}>
        {formatUtc(iso)}
      </time>
    );
  }
  return <RelativeTime iso={iso} relative={relative} now={now} tickMs={tickMs} className={className} />;
}

function RelativeTime({
  iso,
  relative,
  now,
  tickMs,
  className,
}: {
  iso: string;
  relative: true | "only";
  now: number | undefined;
  tickMs: number;
  className: string | undefined;
}) {
  const ticking = useNow(tickMs);
  const age = formatAge(iso, now ?? ticking);
  const utc = formatUtc(iso);
  if (relative === "only") {
    return (
      <time dateTime={iso} title={`${utc} — ${formatLocal(iso)}`} className={className}>
        {age}
      </time>
    );
  }
  return (
    <span className={className}>
      <time dateTime={iso} title={formatLocal(iso)}>
        {utc}
      </time>{" "}
      <span className="muted">({age})</span>
    </span>
  );
}
