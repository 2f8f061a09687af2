/**
 * The timeline's state in the URL (lib/urlState): the range as Grafana-style text with its zone
 * explicit (lib/timeRange: `now-1h`, `2026-12-06T11:00Z`), the subsystems and severities shown, and
 * on the timeline page the entity (`ip:192.0.2.53`). A reload or a shared link shows the same events.
 */
import { ENTITY_TYPES, type EntityRef, SEARCH_SUBSYSTEMS, SEVERITIES } from "@netops/protocols";
import { z } from "zod";
import { timeRangeShape } from "../../lib/timeRange";

export const DEFAULT_FROM = "now-24h";

const entityText = z
  .string()
  .trim()
  .max(310)
  .refine((s) => s === "" || parseEntityParam(s) !== null, {
    message: `not an entity: write type:value, the type one of ${ENTITY_TYPES.join(", ")} (ip:192.0.2.53)`,
  })
  .default("");

export const timelineSchema = z.object({
  ...timeRangeShape({ from: DEFAULT_FROM }),
  subsystem: z.array(z.enum(SEARCH_SUBSYSTEMS)).default([]),
  severity: z.array(z.enum(SEVERITIES)).default([]),
  entity: entityText,
});
export type TimelineState = z.output<typeof timelineSchema>;

/** The entity page's own timeline: the same keys without the entity (the page names it). */
export const entityTimelineSchema = timelineSchema.omit({ entity: true });

/** `ip:192.0.2.53` → the ref (value as written; the server reads any notation); null if not one. */
export function parseEntityParam(text: string): EntityRef | null {
  const m = /^(ip|prefix|mac|name|as):(.{1,300})$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  return { type: m[1] as EntityRef["type"], value: m[2].trim() };
}

export function entityParam(ref: EntityRef): string {
  return `${ref.type}:${ref.value}`;
}
