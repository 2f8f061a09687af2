import { type ReactNode, useState } from "react";

export interface ConfirmButtonProps {
  /** Visible label, e.g. "Revoke". */
  children: ReactNode;
  /** The question shown before doing it, e.g. "Revoke token ci?". */
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  ariaLabel?: string;
}

/** A destructive action in two steps, without a modal: click, then confirm or cancel. */
export function ConfirmButton({
  children,
  question,
  onConfirm,
  disabled,
  className,
  ariaLabel,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={className ?? "btn-sm danger"}
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="small">{question}</span>{" "}
      <button
        type="button"
        className="btn-sm danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes
      </button>{" "}
      <button type="button" className="btn-sm" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
