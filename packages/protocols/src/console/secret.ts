import { z } from "zod";

/**
 * Marks an input field as a secret (a password, an HMAC or TSIG key, a private key, an EPP
 * password): the server keeps its value out of the audit trail and the logs by looking at the
 * schema, whatever the field is called. The mark is zod metadata, so it survives .min(), .optional()
 * and other refinements made after it.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ ...z.globalRegistry.get(schema), secret: true }) as T;
}

export function isSecret(schema: z.ZodType): boolean {
  return z.globalRegistry.get(schema)?.secret === true;
}

/** A step in a secret's path: an object key, or "*" for any element of an array, record or map. */
export type SecretPath = readonly string[];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

/**
 * Every path at which a value of `schema` can hold a secret. Unions contribute the secrets of all
 * their options (a field secret in one shape is treated as secret in all); recursion (z.lazy) is
 * followed a few levels deep.
 */
export function secretPaths(schema: z.ZodType): SecretPath[] {
  const out: SecretPath[] = [];
  const walk = (s: z.ZodType | null | undefined, at: string[], depth: number): void => {
    // Anything that is not a zod schema (a custom parser function) has no fields to mark.
    if (!s || typeof s !== "object" || !("_zod" in s) || depth > 12) return;
    if (isSecret(s)) {
      out.push(at);
      return;
    }
    const d = (s as unknown as { _zod: { def: Def } })._zod.def;
    switch (d.type) {
      case "object":
        for (const [k, v] of Object.entries(d.shape ?? {})) walk(v, [...at, k], depth + 1);
        walk(d.catchall, [...at, "*"], depth + 1);
        return;
      case "array":
      case "set":
        walk(d.element ?? d.valueType, [...at, "*"], depth + 1);
        return;
      case "record":
      case "map":
        walk(d.valueType, [...at, "*"], depth + 1);
        return;
      case "tuple":
        for (const [i, v] of (d.items ?? []).entries()) walk(v, [...at, String(i)], depth + 1);
        walk(d.rest, [...at, "*"], depth + 1);
        return;
      case "union":
        for (const o of d.options ?? []) walk(o, at, depth + 1);
        return;
      case "intersection":
        walk(d.left, at, depth + 1);
        walk(d.right, at, depth + 1);
        return;
      case "pipe":
        walk(d.in, at, depth + 1);
        walk(d.out, at, depth + 1);
        return;
      case "lazy":
        walk(d.getter?.(), at, depth + 1);
        return;
      default:
        // optional, nullable, default, prefault, catch, readonly, nonoptional, promise: one inner schema.
        walk(d.innerType, at, depth + 1);
    }
  };
  walk(schema, [], 0);
  // One entry per distinct path (unions and pipes may find the same one twice).
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A copy of `value` with whatever sits at `paths` replaced by "[redacted]". A secret at the top
 * (path []) replaces the whole value.
 */
export function redactSecretPaths(value: unknown, paths: readonly SecretPath[]): unknown {
  if (paths.length === 0) return value;
  if (paths.some((p) => p.length === 0)) return "[redacted]";
  if (value === null || typeof value !== "object") return value;
  const below = (k: string) => paths.filter((p) => p[0] === k || p[0] === "*").map((p) => p.slice(1));
  if (Array.isArray(value)) return value.map((v, i) => redactSecretPaths(v, below(String(i))));
  // fromEntries defines keys (a "__proto__" key from JSON stays a plain key, never the prototype).
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecretPaths(v, below(k))]));
}
