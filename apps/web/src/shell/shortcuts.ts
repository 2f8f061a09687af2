/**
 * The console's keyboard shortcuts, listed once: the `?` dialog shows this list, and the global
 * handler follows it. `g` then a letter goes to a page (as in GitHub and Grafana); page-level keys
 * (`a` on a focused alert) are handled by their pages and only listed here.
 */
import { FEATURE_SUBSYSTEMS } from "@netops/protocols";

export interface GotoShortcut {
  key: string;
  label: string;
  to: string;
}

/** Preferred letters for the subsystems; others take the first free letter of their id. */
const PREFERRED: Record<string, string> = { dns: "z", dhcp: "h", bgp: "b", registry: "r", rdap: "p" };

export function gotoShortcuts(): GotoShortcut[] {
  const out: GotoShortcut[] = [
    { key: "o", label: "Overview", to: "/" },
    { key: "a", label: "Alerts", to: "/alerts" },
    { key: "c", label: "On-call view", to: "/oncall" },
    { key: "l", label: "Silences", to: "/alerts/silences" },
    { key: "s", label: "Settings", to: "/settings" },
  ];
  const used = new Set(out.map((s) => s.key));
  for (const d of FEATURE_SUBSYSTEMS) {
    const key = [PREFERRED[d.id], ...d.id].find((k) => k && /^[a-z]$/.test(k) && !used.has(k));
    if (!key) continue;
    used.add(key);
    out.push({ key, label: d.label, to: d.path });
  }
  return out;
}

/** Everything else, by where it works. */
export const OTHER_SHORTCUTS: { keys: string; what: string }[] = [
  { keys: "?", what: "Show this list" },
  { keys: "/", what: "Search the console" },
  { keys: "Ctrl-K / ⌘K", what: "Search and commands, also while typing in a field" },
  { keys: "j / k", what: "Next / previous alert in an alert list" },
  { keys: "a", what: "Acknowledge the focused alert (operators)" },
  { keys: "Esc", what: "Close this list" },
];

/** Typing in a field never triggers a shortcut. */
export function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}
