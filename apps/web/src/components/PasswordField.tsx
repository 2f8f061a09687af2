import type { ReactNode } from "react";

/** A labelled password input in a form field; `hint` (shown under it) is what aria-describedby names. */
export function PasswordField({
  id,
  label,
  name,
  autoComplete,
  minLength,
  value,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  name?: string;
  autoComplete: "current-password" | "new-password";
  minLength?: number;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete={autoComplete}
        minLength={minLength}
        required
        aria-describedby={hintId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <span id={hintId} className="muted small">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
