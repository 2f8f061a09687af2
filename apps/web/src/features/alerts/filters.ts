/** The Alerts page's state in the URL (read and written by lib/urlState), and the API input it makes. */
import {
  ALERT_SORTS,
  ALERT_SOURCES,
  ALERT_STATES,
  type AlertSort,
  type AlertState,
  SEVERITIES,
  SORT_ORDERS,
  type SortOrder,
} from "@netops/protocols";
import { z } from "zod";
import type { AlertListInput } from "./types";
import { defaultUrlState } from "../../lib/urlState";
import { parseMatchers } from "./matchers";

export const SILENCED_MODES = ["include", "exclude", "only"] as const;
export type SilencedMode = (typeof SILENCED_MODES)[number];

/** Without a `state` parameter the page shows what needs attention. */
export const DEFAULT_STATES: AlertState[] = ["firing", "acknowledged"];

/** `state` empty (`state=all`) means every state; `q` is capped at the API's limit. */
export const alertFiltersSchema = z.object({
  state: z.array(z.enum(ALERT_STATES)).default(DEFAULT_STATES),
  severity: z.array(z.enum(SEVERITIES)).default([]),
  source: z.array(z.enum(ALERT_SOURCES)).default([]),
  q: z.string().trim().max(200).default(""),
  group: z.enum(["source"]).nullable().default(null),
  silenced: z.enum(SILENCED_MODES).default("include"),
  /** Worst severity first, then newest, unless the URL names another column or direction. */
  sort: z.enum(ALERT_SORTS).default("severity"),
  order: z.enum(SORT_ORDERS).default("desc"),
});

export type AlertFilters = z.output<typeof alertFiltersSchema>;

export const DEFAULT_FILTERS: AlertFilters = defaultUrlState(alertFiltersSchema);

/** The `alerts.list` input for these filters (first page; the cursor is added by paging). */
export function toListInput(f: AlertFilters, limit = 100): AlertListInput {
  return {
    ...(f.state.length ? { state: f.state } : {}),
    ...(f.severity.length ? { severity: f.severity } : {}),
    ...(f.source.length ? { source: f.source } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    silenced: f.silenced,
    sort: f.sort,
    order: f.order,
    limit,
  };
}

/** Text columns start A→Z; severity, state, counts and times start with the worst or newest. */
const FIRST_ORDER: Record<AlertSort, SortOrder> = {
  severity: "desc",
  state: "desc",
  count: "desc",
  firstSeen: "desc",
  lastSeen: "desc",
  source: "asc",
  summary: "asc",
};

/** Clicking a column heading: the same column flips its direction, another starts at its first. */
export function nextSort(f: Pick<AlertFilters, "sort" | "order">, column: AlertSort) {
  if (f.sort === column) return { sort: column, order: f.order === "desc" ? "asc" : "desc" } as const;
  return { sort: column, order: FIRST_ORDER[column] };
}

export const SILENCE_VIEWS = ["all", "active", "pending", "expired"] as const;

/** The Silences page: which silences to list, and the matchers a "Silence" link prefills the form with. */
export const silencesParamsSchema = z.object({
  show: z
    .enum(SILENCE_VIEWS, { message: `not a list of silences (${SILENCE_VIEWS.join(", ")})` })
    .default("all"),
  matchers: z
    .string()
    .max(8192)
    .superRefine((s, ctx) => {
      const error = s ? parseMatchers(s).error : null;
      if (error) ctx.addIssue({ code: "custom", message: error });
    })
    .default(""),
});
