/** BGP event filters in the URL (read and written by lib/urlState), and the API input they make. */
import type { RouterInputs } from "@netops/api";
import { parseCidr } from "@netops/protocols/dhcp";
import { z } from "zod";
import { resolveTimeRange, timeRangeShape } from "../../lib/timeRange";

type EventsInput = RouterInputs["bgp"]["events"];

const upTo = (max: number) => (s: string) => s === "" || (/^\d{1,10}$/.test(s) && Number(s) <= max);

/**
 * Every field is the text of its form control (empty: no filter), so the form binds to it directly.
 * `from`/`to` are a time range in URL syntax (lib/timeRange): `now-1h`, or an instant with its zone;
 * a zone-less time is refused, so a link shows the same events in every browser.
 */
export const bgpFiltersSchema = z.object({
  router: z.string().max(255).default(""),
  peer: z.string().max(255).default(""),
  /** Peers inside this prefix (the prefix entity page's link to all of its peers' events). */
  prefix: z
    .string()
    .max(64)
    .refine((s) => s === "" || parseCidr(s.trim()) !== null, "not a prefix (10.0.0.0/8 or 2001:db8::/32)")
    .default(""),
  peerAs: z.string().refine(upTo(4294967295), "not an AS number (0 to 4294967295)").default(""),
  direction: z.enum(["", "sent", "received", "unknown"]).default(""),
  kind: z.enum(["", "down", "up", "notification"]).default(""),
  subcode: z.string().refine(upTo(255), "not a Cease subcode (0 to 255)").default(""),
  q: z.string().max(255).default(""),
  ...timeRangeShape(),
});

export type BgpFilters = z.output<typeof bgpFiltersSchema>;

/** The API input at `now` (relative ranges resolve against it). */
export function toEventsInput(f: BgpFilters, now: number, limit = 100): EventsInput {
  const { from, to } = resolveTimeRange(f, now);
  return {
    limit,
    ...(f.router && { router: f.router }),
    ...(f.peer && { peer: f.peer }),
    ...(f.prefix && { prefix: f.prefix.trim() }),
    ...(f.peerAs && { peerAs: Number(f.peerAs) }),
    ...(f.direction && { dir: f.direction }),
    ...(f.kind && { kind: f.kind }),
    ...(f.subcode && { code: 6, subcode: Number(f.subcode) }),
    ...(f.q && { q: f.q }),
    ...(from && { from }),
    ...(to && { to }),
  };
}

/** The session page: one router and one peer (both needed; the page says so when one is missing). */
export const bgpSessionSchema = z.object({
  router: z.string().default(""),
  peer: z.string().default(""),
});
