/** Alerts page state lives in the URL: parse and serialise it here (pure, tested). */
import {
  ALERT_SOURCES,
  ALERT_STATES,
  type AlertSource,
  type AlertState,
  SEVERITIES,
  type Severity,
} from "@netops/protocols";
import type { AlertListInput } from "../../lib/types";

export const SILENCED_MODES = ["include", "exclude", "only"] as const;
export type SilencedMode = (typeof SILENCED_MODES)[number];

export interface AlertFilters {
  /** Empty means every state. */
  state: AlertState[];
  severity: Severity[];
  source: AlertSource[];
  q: string;
  silenced: SilencedMode;
  group: "source" | null;
}

/** Without a `state` parameter the page shows what needs attention. */
export const DEFAULT_STATES: AlertState[] = ["firing", "acknowledged"];

export const DEFAULT_FILTERS: AlertFilters = {
  state: DEFAULT_STATES,
  severity: [],
  source: [],
  q: "",
  silenced: "include",
  group: null,
};

/** Known values from a comma list, in the canonical order of `allowed`, without duplicates. */
function pickList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(",").map((s) => s.trim().toLowerCase()));
  return allowed.filter((a) => wanted.has(a));
}

export function parseAlertFilters(params: URLSearchParams): AlertFilters {
  const rawState = params.get("state");
  const state =
    rawState === null
      ? [...DEFAULT_STATES]
      : rawState === "" || rawState === "all"
        ? []
        : pickList(rawState, ALERT_STATES);
  const silenced = params.get("silenced");
  return {
    state,
    severity: pickList(params.get("severity"), SEVERITIES),
    source: pickList(params.get("source"), ALERT_SOURCES),
    q: (params.get("q") ?? "").trim().slice(0, 200),
    silenced: (SILENCED_MODES as readonly string[]).includes(silenced ?? "")
      ? (silenced as SilencedMode)
      : "include",
    group: params.get("group") === "source" ? "source" : null,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Only what differs from the defaults goes into the URL, so shared links stay short. */
export function serializeAlertFilters(f: AlertFilters): URLSearchParams {
  const p = new URLSearchParams();
  const state = ALERT_STATES.filter((s) => f.state.includes(s));
  if (state.length === 0) p.set("state", "all");
  else if (!sameSet(state, DEFAULT_STATES)) p.set("state", state.join(","));
  const severity = SEVERITIES.filter((s) => f.severity.includes(s));
  if (severity.length) p.set("severity", severity.join(","));
  const source = ALERT_SOURCES.filter((s) => f.source.includes(s));
  if (source.length) p.set("source", source.join(","));
  const q = f.q.trim();
  if (q) p.set("q", q);
  if (f.group) p.set("group", f.group);
  if (f.silenced !== "include") p.set("silenced", f.silenced);
  return p;
}

/** The `alerts.list` input for these filters (first page; the cursor is added by paging). */
export function toListInput(f: AlertFilters, limit = 100): AlertListInput {
  return {
    ...(f.state.length ? { state: f.state } : {}),
    ...(f.severity.length ? { severity: f.severity } : {}),
    ...(f.source.length ? { source: f.source } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    silenced: f.silenced,
    limit,
  };
}
