import { FEATURE_SUBSYSTEMS, type Health, type Subsystem } from "@netops/protocols";
import { Link } from "react-router";
import type { SubsystemHealth } from "../../lib/types";
import "./overview.css";

/** Tile names: each subsystem's label from its descriptor, then the console's own two. */
export const SUBSYSTEM_NAMES = {
  ...Object.fromEntries(FEATURE_SUBSYSTEMS.map((s) => [s.id, s.label])),
  alerts: "Alerts",
  system: "System",
} as Record<Subsystem, string>;

const HEALTH_TEXT: Record<Health, { icon: string; text: string }> = {
  ok: { icon: "✓", text: "OK" },
  degraded: { icon: "!", text: "Degraded" },
  failing: { icon: "✗", text: "Failing" },
  not_configured: { icon: "–", text: "Not configured" },
};

export function HealthBadge({ health }: { health: Health }) {
  const h = HEALTH_TEXT[health];
  return (
    <span className={`chip health health-${health}`}>
      <span aria-hidden="true">{h.icon}</span> {h.text}
    </span>
  );
}

/** Firing means firing and not silenced, the count the nav badge and on-call show too. */
export function firingText(s: Pick<SubsystemHealth, "firing" | "acknowledged">): string {
  const f = s.firing;
  const parts = (["critical", "warning", "info"] as const).filter((k) => f[k] > 0).map((k) => `${f[k]} ${k}`);
  const firing = parts.length ? `${parts.join(", ")} firing` : "None firing";
  return s.acknowledged > 0 ? `${firing}, ${s.acknowledged} acknowledged` : firing;
}

export interface HealthTilesProps {
  subsystems: readonly SubsystemHealth[];
}

/** One tile per subsystem: state in words and colour, active alert counts, link to the section. */
export function HealthTiles({ subsystems }: HealthTilesProps) {
  return (
    <ul className="tiles">
      {subsystems.map((s) => {
        const name = SUBSYSTEM_NAMES[s.subsystem] ?? s.subsystem;
        return (
          <li key={s.subsystem} className={`tile health-${s.health}`}>
            <h3 className="tile-title">
              <Link to={s.href}>{name}</Link>
            </h3>
            <HealthBadge health={s.health} />
            <p className="tile-summary">{s.summary}</p>
            <p className={`tile-firing${s.firing.critical + s.firing.warning > 0 ? " has-firing" : ""}`}>
              {firingText(s)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
