import { type ReactNode, useId } from "react";
import { FieldError } from "./FieldError";

/** A text filter bound to a value (pages keep it in the URL with useUrlState); `error` shows on the field. */
export function TextFilter({
  label,
  value,
  onChange,
  type,
  placeholder,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "search";
  placeholder?: string;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <span className="filter-control">
      <label>
        {label}{" "}
        <input
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? id : undefined}
        />
      </label>
      <FieldError id={id} message={error} />
    </span>
  );
}

/** A yes/no filter bound to a value; `error` says what the URL gave it that was not yes or no. */
export function CheckFilter({
  checked,
  onChange,
  children,
  error,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <span className="filter-control">
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? id : undefined}
        />{" "}
        {children}
      </label>
      <FieldError id={id} message={error} />
    </span>
  );
}
