import type { ZoneStatus } from "./types";

const TEXT: Record<ZoneStatus, { label: string; icon: string; tone: string }> = {
  verified: { label: "verified", icon: "✓", tone: "ok" },
  no_zonemd: { label: "no ZONEMD", icon: "○", tone: "health-degraded" },
  unsupported_only: { label: "unsupported ZONEMD", icon: "○", tone: "health-degraded" },
  digest_mismatch: { label: "digest mismatch", icon: "✗", tone: "bad" },
  serial_mismatch: { label: "serial mismatch", icon: "✗", tone: "bad" },
  malformed: { label: "malformed", icon: "✗", tone: "bad" },
  fetch_failed: { label: "unfetchable", icon: "!", tone: "health-degraded" },
  pending: { label: "not checked yet", icon: "…", tone: "muted-chip" },
};

/** A zone's (or a check's) verdict as icon, word and colour — never colour alone. */
export function ZoneStatusChip({ status }: { status: ZoneStatus }) {
  const t = TEXT[status];
  return (
    <span className={`chip ${t.tone}`} data-status={status}>
      <span aria-hidden="true">{t.icon}</span> {t.label}
    </span>
  );
}
