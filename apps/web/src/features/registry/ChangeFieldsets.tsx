import { toggle } from "../../lib/lists";

/** Checkboxes that pick values to remove from an object (its name servers, its addresses); none: nothing. */
export function RemoveFieldset({
  legend,
  values,
  selected,
  onChange,
}: {
  legend: string;
  values: readonly string[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}) {
  if (values.length === 0) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className="check">
          <input
            type="checkbox"
            checked={selected.includes(v)}
            onChange={() => onChange(toggle(selected, v))}
          />{" "}
          <code>{v}</code>
        </label>
      ))}
    </fieldset>
  );
}

/** Client statuses to set and to remove, changed together. */
export interface StatusChange<S extends string> {
  add: S[];
  rem: S[];
}

export const NO_STATUS_CHANGE: StatusChange<never> = { add: [], rem: [] };

/** Client statuses to change: one the object has can be removed, one it lacks can be set. */
export function ClientStatusFieldset<S extends string>({
  statuses,
  current,
  value,
  onChange,
}: {
  /** The client statuses this object type takes. */
  statuses: readonly S[];
  /** The object's statuses now, as the registry reports them. */
  current: readonly { s: string }[];
  value: StatusChange<S>;
  onChange: (value: StatusChange<S>) => void;
}) {
  const has = new Set(current.map((c) => c.s));
  return (
    <fieldset>
      <legend>Client statuses</legend>
      {statuses.map((s) => {
        const side = has.has(s) ? "rem" : "add";
        return (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={value[side].includes(s)}
              onChange={() => onChange({ ...value, [side]: toggle(value[side], s) })}
            />{" "}
            {side === "rem" ? "remove" : "set"} {s}
          </label>
        );
      })}
    </fieldset>
  );
}
