/**
 * Silence matchers in the URL, Alertmanager style: `source="zonemd",zone="example.com"`.
 * Values are JSON strings, so quotes and backslashes round-trip.
 */
import { MATCHER_OPS, type Matcher, matchersForAlert } from "@netops/protocols";

type Op = (typeof MATCHER_OPS)[number];

export function formatMatchers(ms: readonly Matcher[]): string {
  return ms.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(",");
}

const ONE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")\s*(,|$)/;

export function parseMatchers(raw: string): { matchers: Matcher[]; error: string | null } {
  const out: Matcher[] = [];
  let rest = raw.trim();
  if (rest.startsWith("{") && rest.endsWith("}")) rest = rest.slice(1, -1);
  while (rest.trim()) {
    const m = ONE.exec(rest);
    if (!m) return { matchers: out, error: `cannot read matcher at: ${rest.slice(0, 40)}` };
    const [whole, name, op, quoted] = m;
    try {
      const value = JSON.parse(quoted as string) as string;
      out.push({ name: name as string, op: op as Op, value });
    } catch {
      return { matchers: out, error: `bad quoted value: ${quoted}` };
    }
    rest = rest.slice(whole.length);
  }
  return { matchers: out, error: null };
}

/** `/alerts/silences?matchers=…` prefilled for this alert. */
export function silenceLinkForAlert(a: { source: string; labels: Record<string, string> }): string {
  return `/alerts/silences?${new URLSearchParams({ matchers: formatMatchers(matchersForAlert(a)) })}`;
}

export { MATCHER_OPS, matchersForAlert };
