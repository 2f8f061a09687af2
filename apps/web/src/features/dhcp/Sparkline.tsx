/** A small SVG line of assigned addresses over time; the top of the box is the pool size. */
export function Sparkline({
  points,
  max,
  label,
}: {
  points: { at: string; assigned: number }[];
  max: number;
  label: string;
}) {
  const W = 100;
  const H = 24;
  if (points.length < 2) return <span className="muted small">no trend yet</span>;
  const t0 = Date.parse(points[0]?.at ?? "");
  const t1 = Date.parse(points[points.length - 1]?.at ?? "");
  const span = Math.max(1, t1 - t0);
  const d = points
    .map((p, i) => {
      const x = ((Date.parse(p.at) - t0) / span) * W;
      const y = H - (Math.min(p.assigned, max) / Math.max(1, max)) * H;
      return `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
  return (
    <svg width={W} height={H} role="img" aria-label={label}>
      <rect x="0" y="0" width={W} height={H} fill="none" stroke="var(--border, #ccc)" />
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
