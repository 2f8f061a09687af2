/**
 * What the palette offers besides search hits: the console's pages to jump to, and common actions.
 * Matching is by words: every word typed must start a word of the label or its keywords.
 */
import { NAV_ITEMS } from "../../shell/AppShell";

export interface PaletteCommand {
  id: string;
  label: string;
  /** Extra words it answers to. */
  keywords?: string;
  /** A page to go to … */
  url?: string;
  /** … or something to do. */
  run?: () => void;
}

/** Pages beyond the main navigation that operators jump to. */
const MORE_PAGES: PaletteCommand[] = [
  { id: "page:/timeline", label: "Timeline", url: "/timeline", keywords: "events history" },
  { id: "page:/search", label: "Search (all results)", url: "/search", keywords: "find" },
  { id: "page:/alerts/silences", label: "Alert silences", url: "/alerts/silences", keywords: "mute" },
  { id: "page:/oncall", label: "On-call view", url: "/oncall", keywords: "wallboard" },
  { id: "page:/settings/audit", label: "Audit log", url: "/settings/audit", keywords: "changes who" },
  { id: "page:/settings/account", label: "Account", url: "/settings/account", keywords: "password" },
  { id: "page:/settings/tokens", label: "API tokens", url: "/settings/tokens" },
  { id: "page:/settings/users", label: "Users", url: "/settings/users" },
  { id: "page:/settings/webhooks", label: "Webhooks", url: "/settings/webhooks", keywords: "notifications" },
  { id: "page:/settings/system", label: "System", url: "/settings/system", keywords: "health version" },
];

export function pageCommands(): PaletteCommand[] {
  const nav = NAV_ITEMS.map((n) => ({ id: `page:${n.to}`, label: n.label, url: n.to }));
  const seen = new Set(nav.map((n) => n.url));
  return [...nav, ...MORE_PAGES.filter((p) => !seen.has(p.url ?? ""))];
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Whether `query` names the command, and how well: 0 when the label starts with it, 1 when every
 * word typed starts a word of the label or keywords; null when it does not match.
 */
export function commandMatch(c: PaletteCommand, query: string): 0 | 1 | null {
  const q = query.trim().toLowerCase();
  if (q === "") return 1;
  if (c.label.toLowerCase().startsWith(q)) return 0;
  const typed = words(q);
  if (typed.length === 0) return null;
  const have = words(`${c.label} ${c.keywords ?? ""}`);
  return typed.every((t) => have.some((h) => h.startsWith(t))) ? 1 : null;
}

/** The commands that match, best first, stable otherwise. */
export function matchCommands(list: readonly PaletteCommand[], query: string, max = 8): PaletteCommand[] {
  return list
    .map((c, i) => ({ c, i, m: commandMatch(c, query) }))
    .filter((x): x is { c: PaletteCommand; i: number; m: 0 | 1 } => x.m !== null)
    .sort((a, b) => a.m - b.m || a.i - b.i)
    .slice(0, max)
    .map((x) => x.c);
}
