import type { ReactNode } from "react";
import { useSearchParams } from "react-router";

/** Sets one URL search parameter, or removes it when empty. Replaces the history entry: filters change as you type. */
export function useSetParam() {
  const [params, setParams] = useSearchParams();
  return (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
}

/** A text filter kept in the URL parameter `name`. */
export function ParamText({
  label,
  name,
  type,
  placeholder,
}: {
  label: string;
  name: string;
  type?: "search";
  placeholder?: string;
}) {
  const [params] = useSearchParams();
  const setParam = useSetParam();
  return (
    <label>
      {label}{" "}
      <input
        type={type}
        value={params.get(name) ?? ""}
        onChange={(e) => setParam(name, e.target.value)}
        placeholder={placeholder}
      />
    </label>
  );
}

/** A yes/no filter kept in the URL parameter `name` ("1" when checked, absent otherwise). */
export function ParamCheck({ name, children }: { name: string; children: ReactNode }) {
  const [params] = useSearchParams();
  const setParam = useSetParam();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={params.get(name) === "1"}
        onChange={(e) => setParam(name, e.target.checked ? "1" : null)}
      />{" "}
      {children}
    </label>
  );
}
