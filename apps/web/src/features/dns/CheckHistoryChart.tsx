import type { ZoneCheck } from "./types";

const W = 640;
const H_BARS = 110;
const H_SERIAL = 90;
const PAD_L = 78;
const PAD_R = 12;
const GAP = 26;
const AXIS = { fontSize: 11, fill: "var(--muted)" } as const;

function tone(c: ZoneCheck): string {
  if (c.status === "verified") return "var(--ok-fg)";
  if (c.status === "digest_mismatch" || c.status === "serial_mismatch" || c.status === "malformed")
    return "var(--crit-fg)";
  return "var(--warn-fg)";
}

/**
 * Check history as inline SVG (no chart library): duration per check as bars coloured by
 * verdict, and the zone's SOA serial as a step line below. Oldest on the left.
 */
export function CheckHistoryChart({ checks }: { checks: ZoneCheck[] }) {
  const data = [...checks].reverse();
  if (data.length === 0) return <p className="muted">No checks yet.</p>;
  const plotW = W - PAD_L - PAD_R;
  const step = plotW / data.length;
  const barW = Math.max(1, Math.min(18, step * 0.7));
  const maxMs = Math.max(1, ...data.map((c) => c.durationMs));
  const serials = data.map((c) => c.serial).filter((s): s is number => s !== null);
  const minS = serials.length ? Math.min(...serials) : 0;
  const maxS = serials.length ? Math.max(...serials) : 0;
  const yS = (s: number) =>
    H_BARS + GAP + H_SERIAL - 8 - ((s - minS) / Math.max(1, maxS - minS)) * (H_SERIAL - 16);
  const x = (i: number) => PAD_L + i * step + step / 2;
  let path = "";
  data.forEach((c, i) => {
    if (c.serial === null) return;
    const y = yS(c.serial);
    path += path === "" ? `M${x(i) - step / 2},${y}` : `H${x(i) - step / 2}V${y}`;
    path += `H${x(i) + step / 2}`;
  });
  const failed = data.filter((c) => c.status !== "verified").length;
  const label = `Check history: ${data.length} checks, ${failed} not verified; duration up to ${maxMs} ms; serial ${
    serials.length ? (minS === maxS ? `${minS}` : `${minS} to ${maxS}`) : "unknown"
  }.`;
  const total = H_BARS + GAP + H_SERIAL + 18;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${W} ${total}`}
        role="img"
        aria-label={label}
        width="100%"
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{label}</title>
        <text x={4} y={12} style={AXIS}>
          duration
        </text>
        <text x={PAD_L - 6} y={14} textAnchor="end" style={AXIS}>
          {maxMs} ms
        </text>
        <text x={PAD_L - 6} y={H_BARS} textAnchor="end" style={AXIS}>
          0
        </text>
        <line x1={PAD_L} x2={W - PAD_R} y1={H_BARS} y2={H_BARS} stroke="var(--border)" />
        {data.map((c, i) => {
          const h = Math.max(1, (c.durationMs / maxMs) * (H_BARS - 8));
          return (
            <rect key={c.id} x={x(i) - barW / 2} y={H_BARS - h} width={barW} height={h} fill={tone(c)}>
              <title>{`${c.startedAt} — ${c.status}, ${c.durationMs} ms, serial ${c.serial ?? "—"}`}</title>
            </rect>
          );
        })}
        <text x={4} y={H_BARS + GAP + 12} style={AXIS}>
          serial
        </text>
        {serials.length ? (
          <>
            <text x={PAD_L - 6} y={yS(maxS) + 4} textAnchor="end" style={AXIS}>
              {maxS}
            </text>
            {minS !== maxS ? (
              <text x={PAD_L - 6} y={yS(minS) + 4} textAnchor="end" style={AXIS}>
                {minS}
              </text>
            ) : null}
            <path d={path} fill="none" stroke="var(--accent, currentColor)" strokeWidth={2} />
            {data.map((c, i) =>
              c.serial === null ? null : (
                <circle key={c.id} cx={x(i)} cy={yS(c.serial)} r={2.5} fill={tone(c)}>
                  <title>{`serial ${c.serial} (${c.startedAt})`}</title>
                </circle>
              ),
            )}
          </>
        ) : null}
        <text x={PAD_L} y={total - 2} style={AXIS}>
          {data[0]!.startedAt.slice(0, 16).replace("T", " ")}
        </text>
        <text x={W - PAD_R} y={total - 2} textAnchor="end" style={AXIS}>
          {data[data.length - 1]!.startedAt.slice(0, 16).replace("T", " ")} UTC
        </text>
      </svg>
      <figcaption className="small muted">
        Bars: check duration (green verified, red failed, amber other). Line: the copy's SOA serial.
      </figcaption>
    </figure>
  );
}
