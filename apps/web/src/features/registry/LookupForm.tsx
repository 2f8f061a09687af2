import type { FormEvent, ReactNode } from "react";
import { FieldError } from "../../components/FieldError";

/** One name to read from the registry: the trimmed name goes to `onLookup`, a blank one nowhere. */
export function LookupForm({
  id,
  label,
  placeholder,
  value,
  onChange,
  onLookup,
  disabled,
  small = false,
  error,
  children,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  onLookup: (name: string) => void;
  disabled: boolean;
  /** A small button, for a form that is not the page's main one. */
  small?: boolean;
  /** What is wrong with the name (e.g. as the address gave it), under the field. */
  error?: string | undefined;
  /** The button's text. */
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = value.trim();
    if (name) onLookup(name);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>{" "}
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />{" "}
      <button type="submit" className={small ? "btn-sm" : undefined} disabled={disabled}>
        {children}
      </button>
      <FieldError id={`${id}-error`} message={error} />
    </form>
  );
}
