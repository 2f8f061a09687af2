import { type Role, roleAtLeast } from "@netops/protocols";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { silenceLinkForAlert } from "./matchers";
import type { AlertItem } from "./types";

export interface AlertActionHandlers {
  onAck?: (alert: AlertItem) => void;
  onUnack?: (alert: AlertItem) => void;
  onResolve?: (alert: AlertItem) => void;
}

export interface AlertActionsProps extends AlertActionHandlers {
  alert: AlertItem;
  role: Role;
  busy?: boolean;
  size?: "normal" | "large";
}

/** Ack / Unack / Resolve / Silence for one alert; nothing for viewers or resolved alerts. */
export function AlertActions({
  alert,
  role,
  busy = false,
  onAck,
  onUnack,
  onResolve,
  size,
}: AlertActionsProps) {
  if (!roleAtLeast(role, "operator") || alert.state === "resolved") return null;
  const cls = size === "large" ? "btn-lg" : "btn-sm";
  const what = `alert ${alert.id}: ${alert.summary}`;
  return (
    <div className="actions">
      {alert.state === "firing" && onAck ? (
        <button
          type="button"
          className={`${cls} primary`}
          disabled={busy}
          aria-label={`Acknowledge ${what}`}
          onClick={() => onAck(alert)}
        >
          Ack
        </button>
      ) : null}
      {alert.state === "acknowledged" && onUnack ? (
        <button
          type="button"
          className={cls}
          disabled={busy}
          aria-label={`Unacknowledge ${what}`}
          onClick={() => onUnack(alert)}
        >
          Unack
        </button>
      ) : null}
      {onResolve ? (
        // Resolving closes the alert for everyone: asked first.
        <ConfirmButton
          className={cls}
          disabled={busy}
          ariaLabel={`Resolve ${what}`}
          question={`Resolve alert ${alert.id}?`}
          onConfirm={() => onResolve(alert)}
        >
          Resolve
        </ConfirmButton>
      ) : null}
      <Link className={`button ${cls}`} to={silenceLinkForAlert(alert)} aria-label={`Silence ${what}`}>
        Silence
      </Link>
    </div>
  );
}
