/**
 * JSON text parsing with limits: nesting depth is measured on the text before JSON.parse, so a
 * hostile body ("[[[[…") is refused with a reason instead of exhausting a recursive walker.
 */
export interface JsonLimits {
  maxDepth: number;
}
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64 };

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Deepest array/object nesting in JSON text (strings skipped); stops counting past `limit`. */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

export function parseJsonText(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, reason: "empty body" };
  const depth = jsonNestingDepth(body, limits.maxDepth);
  if (depth > limits.maxDepth)
    return { ok: false, reason: `JSON nested deeper than ${limits.maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
}
