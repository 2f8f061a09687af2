/** A horizontal bar of assigned / total, coloured by the pool's own thresholds. */
export function UtilizationBar({
  pct,
  warnPct,
  critPct,
  label,
}: {
  pct: number;
  warnPct: number;
  critPct: number;
  label: string;
}) {
  const level = pct >= critPct ? "critical" : pct >= warnPct ? "warning" : "ok";
  const colour =
    level === "critical"
      ? "var(--sev-critical, #c62828)"
      : level === "warning"
        ? "var(--sev-warning, #e08e00)"
        : "var(--ok, #2e7d32)";
  const w = Math.min(100, Math.max(0, pct));
  return (
    <div
      title={`${pct.toFixed(1)}% (warning ≥ ${warnPct}%, critical ≥ ${critPct}%)`}
      style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 160 }}
    >
      <meter
        className="sr-only"
        aria-label={label}
        min={0}
        max={100}
        low={warnPct}
        high={critPct}
        optimum={0}
        value={Math.min(100, pct)}
      />
      <svg width="120" height="10" aria-hidden="true">
        <rect x="0" y="0" width="120" height="10" rx="2" fill="var(--border, #ccc)" />
        <rect x="0" y="0" width={(120 * w) / 100} height="10" rx="2" fill={colour} />
        <line
          x1={(120 * warnPct) / 100}
          x2={(120 * warnPct) / 100}
          y1="0"
          y2="10"
          stroke="currentColor"
          strokeOpacity="0.5"
        />
        <line
          x1={(120 * critPct) / 100}
          x2={(120 * critPct) / 100}
          y1="0"
          y2="10"
          stroke="currentColor"
          strokeOpacity="0.8"
        />
      </svg>
      <span className={level === "ok" ? "" : `sev-${level}`}>{pct.toFixed(0)}%</span>
    </div>
  );
}
