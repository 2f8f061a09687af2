import type { Severity } from "@netops/protocols";

const ICON: Record<Severity, string> = { critical: "▲", warning: "◆", info: "●" };

export interface SeverityChipProps {
  severity: Severity;
  size?: "normal" | "large";
}

/** Severity as colour, shape and word (never colour alone). */
export function SeverityChip({ severity, size = "normal" }: SeverityChipProps) {
  return (
    <span className={`chip sev sev-${severity}${size === "large" ? " chip-lg" : ""}`}>
      <span aria-hidden="true">{ICON[severity]}</span> {severity}
    </span>
  );
}
