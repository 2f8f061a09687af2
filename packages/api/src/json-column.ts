/**
 * JSON stored in text columns (SQLite has no JSON type). A column the console wrote is valid JSON,
 * but a row edited by hand or cut short must not fail a whole list: it reads as the fallback.
 */
import type { ZodType } from "zod";

/** The column's value, or `fallback` when it is empty or not JSON. */
export function jsonColumn<T>(s: string | null | undefined, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

/** The column's array, or [] when it is not JSON or not an array. */
export function jsonArray(s: string | null | undefined): unknown[] {
  const v = jsonColumn<unknown>(s, null);
  return Array.isArray(v) ? v : [];
}

/** The column's value checked against `schema`, or `fallback` when it does not fit. */
export function jsonParsed<T>(s: string | null | undefined, schema: ZodType<T>, fallback: T): T {
  const r = schema.safeParse(jsonColumn<unknown>(s, undefined));
  return r.success ? r.data : fallback;
}
