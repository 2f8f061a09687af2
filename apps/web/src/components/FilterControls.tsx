import type { ReactNode } from "react";

/** A text filter bound to a value (pages keep it in the URL with useUrlState). */
export function TextFilter({
  label,
  value,
  onChange,
  type,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "search";
  placeholder?: string;
}) {
  return (
    <label>
      {label}{" "}
      <input type={type} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />
    </label>
  );
}

/** A yes/no filter bound to a value. */
export function CheckFilter({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {children}
    </label>
  );
}
