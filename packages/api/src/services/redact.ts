const SECRET_KEYS = /pass(word)?|secret|token|authinfo|key|credential/i;

/** Copies a value for logs and the audit trail with every secret-looking field replaced. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  if (typeof value === "string" && value.startsWith("secret-token:")) return "secret-token:[redacted]";
  return value;
}
