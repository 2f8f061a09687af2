/**
 * A page's state in the URL, described once by a zod object schema (every field with a default):
 * links and reloads keep the view. Reading turns URLSearchParams into typed state; a value that does
 * not fit its field falls back to the field's default (or, in a list, is left out) and is reported
 * per field, so the page can say what it ignored. Writing leaves defaults out, so shared links stay
 * short, and keeps parameters the schema does not know (another component's, such as `conn`).
 *
 * How a field travels is read from its schema: strings and enums as they are; numbers in decimal;
 * booleans as "1" (or "0" when the default is true); arrays as a comma list, in the enum's order when
 * the elements are an enum, with "all" (or an empty value) for an empty list.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { z } from "zod";

// biome-ignore lint/suspicious/noExplicitAny: any object schema's shape
export type UrlSchema = z.ZodObject<any>;

/** Parameter name → what was wrong with its value (the value then fell back as described above). */
export type UrlStateIssues = Record<string, string>;

/** Parameter name → its text in the URL, for the parameters that have an issue (a form shows it in its field to be fixed). */
export type UrlStateRaw = Record<string, string>;

export interface UrlStateRead<S extends UrlSchema> {
  value: z.output<S>;
  issues: UrlStateIssues;
  raw: UrlStateRaw;
}

/** The schema under default/optional/nullable wrappers. */
function base(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

const firstMessage = (e: z.ZodError) => e.issues[0]?.message ?? "invalid value";
const quote = (s: string) => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;

/** A raw parameter as the value its (unwrapped) schema expects, before validation. */
function coerce(kind: z.ZodType, raw: string): unknown {
  if (kind instanceof z.ZodNumber) return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (kind instanceof z.ZodBoolean) {
    if (raw === "1" || raw === "true") return true;
    if (raw === "0" || raw === "false" || raw === "") return false;
    return raw;
  }
  return raw;
}

type FieldRead = { value: unknown; issue?: string };

function readArray(field: z.ZodType, element: z.ZodType, raw: string, fallback: unknown): FieldRead {
  if (raw.trim() === "" || raw.trim().toLowerCase() === "all") return { value: [] };
  const enumValues = element instanceof z.ZodEnum ? (element.options as string[]) : null;
  const seen: unknown[] = [];
  const bad: string[] = [];
  for (const part of raw.split(",")) {
    const text = enumValues ? part.trim().toLowerCase() : part.trim();
    if (text === "") continue;
    const r = element.safeParse(coerce(element, text));
    if (!r.success) bad.push(part.trim());
    else if (!seen.includes(r.data)) seen.push(r.data);
  }
  const value = enumValues ? enumValues.filter((v) => seen.includes(v)) : seen;
  const whole = field.safeParse(value);
  if (!whole.success) return { value: fallback, issue: `${quote(raw)}: ${firstMessage(whole.error)}` };
  if (bad.length === 0) return { value: whole.data };
  const allowed = enumValues ? ` (allowed: ${enumValues.join(", ")})` : "";
  return { value: whole.data, issue: `ignored ${bad.map(quote).join(", ")}${allowed}` };
}

function readField(field: z.ZodType, raw: string | null): FieldRead {
  const fallback = field.parse(undefined);
  if (raw === null) return { value: fallback };
  const kind = base(field);
  if (kind instanceof z.ZodArray) return readArray(field, kind.element as z.ZodType, raw, fallback);
  const r = field.safeParse(coerce(kind, raw));
  if (r.success) return { value: r.data };
  // Too long text is cut to the limit (what the input's maxLength would have done), and said so.
  if (kind instanceof z.ZodString && kind.maxLength !== null && raw.length > kind.maxLength) {
    const cut = field.safeParse(raw.trim().slice(0, kind.maxLength));
    if (cut.success) return { value: cut.data, issue: `cut to ${kind.maxLength} characters` };
  }
  return { value: fallback, issue: `${quote(raw)}: ${firstMessage(r.error)}` };
}

/** Typed state from the URL, with what did not fit reported per parameter. */
export function readUrlState<S extends UrlSchema>(schema: S, params: URLSearchParams): UrlStateRead<S> {
  const value: Record<string, unknown> = {};
  const issues: UrlStateIssues = {};
  const raw: UrlStateRaw = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const text = params.get(key);
    const r = readField(field, text);
    value[key] = r.value;
    if (r.issue) {
      issues[key] = r.issue;
      raw[key] = text ?? "";
    }
  }
  return { value: value as z.output<S>, issues, raw };
}

/** One field's parameter text, or null to leave it out of the URL. */
function writeField(field: z.ZodType, value: unknown): string | null {
  const fallback = field.parse(undefined);
  const kind = base(field);
  if (value === null || value === undefined) return null;
  if (kind instanceof z.ZodArray) {
    const element = kind.element as z.ZodType;
    const list = value as unknown[];
    const ordered =
      element instanceof z.ZodEnum ? (element.options as unknown[]).filter((o) => list.includes(o)) : list;
    const same =
      Array.isArray(fallback) &&
      fallback.length === ordered.length &&
      ordered.every((v) => fallback.includes(v));
    if (same) return null;
    return ordered.length === 0 ? "all" : ordered.map(String).join(",");
  }
  // Strings go through their schema, so `.trim()` and the like apply to what is written too.
  const parsed = field.safeParse(value);
  const v = parsed.success ? parsed.data : value;
  if (v === fallback) return null;
  if (kind instanceof z.ZodBoolean) return v ? "1" : "0";
  if (kind instanceof z.ZodString && v === "") return null;
  return String(v);
}

/**
 * The URL for this state: the fields that differ from their defaults, in the schema's order, after
 * the parameters of `keep` that the schema does not own.
 */
export function writeUrlState<S extends UrlSchema>(
  schema: S,
  value: z.input<S> | z.output<S>,
  keep?: URLSearchParams,
): URLSearchParams {
  const shape = schema.shape as Record<string, z.ZodType>;
  const out = new URLSearchParams();
  if (keep) for (const [k, v] of keep) if (!(k in shape)) out.append(k, v);
  for (const [key, field] of Object.entries(shape)) {
    const text = writeField(field, (value as Record<string, unknown>)[key]);
    if (text !== null) out.set(key, text);
  }
  return out;
}

/** Every field at its default. */
export function defaultUrlState<S extends UrlSchema>(schema: S): z.output<S> {
  return readUrlState(schema, new URLSearchParams()).value;
}

export interface SetUrlStateOptions {
  /** Replace the history entry instead of adding one (filters that change as you type). */
  replace?: boolean;
}

/**
 * `[state, setState, issues, raw]` for a page whose state lives in the URL. `setState` takes the
 * fields to change; the others keep their current values. A field with an issue is at its default
 * in `state`: a page must not show results as if that filter applied (`FilterGate`
 * in components/FilterGate), and shows `raw[field]` with the issue on the field.
 */
export function useUrlState<S extends UrlSchema>(schema: S) {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string stands for params
  const read = useMemo(() => readUrlState(schema, params), [schema, key]);
  const setState = useCallback(
    (change: Partial<z.output<S>>, options?: SetUrlStateOptions) => {
      setParams(
        (prev) => writeUrlState(schema, { ...readUrlState(schema, prev).value, ...change }, prev),
        options,
      );
    },
    [schema, setParams],
  );
  return [read.value, setState, read.issues, read.raw] as const;
}
