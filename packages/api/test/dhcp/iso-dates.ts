/** Finds the date fields of an API answer that are not ISO 8601 strings (CONTRIBUTING: dates cross the API as ISO). */

/** Field names that hold a point in time: `…At`, `at`, lease times, `lastSeen`/`lastRead`, `expire`. */
const DATE_KEY = /(?:At|^at|^starts|^ends|^cltt|^expire|^lastSeen|^lastRead|^firstSeen)$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

export interface DateFields {
  /** Paths of the date fields seen, e.g. `items.0.ends`. */
  seen: string[];
  /** `path: value` of each date field that is neither null nor an ISO string of a real instant. */
  bad: string[];
}

export function dateFields(value: unknown, path = ""): DateFields {
  const out: DateFields = { seen: [], bad: [] };
  const walk = (v: unknown, at: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${at}.${i}`);
    } else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        const p = at ? `${at}.${k}` : k;
        if (DATE_KEY.test(k)) {
          out.seen.push(p);
          const ok = x === null || (typeof x === "string" && ISO.test(x) && !Number.isNaN(Date.parse(x)));
          if (!ok) out.bad.push(`${p}: ${JSON.stringify(x)}`);
        } else walk(x, p);
      }
  };
  walk(value, path);
  return out;
}
