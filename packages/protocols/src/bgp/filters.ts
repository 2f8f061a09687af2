/**
 * The BGP lists' filters (events, unparsed lines), shared by the API (validation, then SQL) and the
 * mock API (validation, then the same filters on fixtures).
 */
import { z } from "zod";
import { parseCidr } from "../dhcp/address";

export const BGP_EVENT_KINDS = ["down", "up", "notification"] as const;
export const BGP_DIRECTIONS = ["sent", "received", "unknown"] as const;
export const BGP_EVENT_SOURCES = ["bmp", "syslog", "file"] as const;

export type BgpEventKind = (typeof BGP_EVENT_KINDS)[number];
export type BgpDirection = (typeof BGP_DIRECTIONS)[number];
export type BgpEventSource = (typeof BGP_EVENT_SOURCES)[number];

/** Keyset cursor "<epoch ms>:<id>" of the last row of the previous page (order: time desc, id desc). */
const cursorSchema = z.string().regex(/^\d{1,15}:\d{1,12}$/, "cursor must be <epoch ms>:<id>");

export const bgpEventFilterSchema = z.object({
  router: z.string().trim().min(1).max(255).optional(),
  /** Peer address or the daemon's peer name (substring). */
  peer: z.string().trim().min(1).max(255).optional(),
  /** Peers whose address lies in this prefix (CIDR, e.g. 10.0.0.0/8 or 2001:db8::/32). */
  prefix: z
    .string()
    .trim()
    .max(64)
    .refine((p) => parseCidr(p) !== null, "not a prefix (e.g. 10.0.0.0/8 or 2001:db8::/32)")
    .optional(),
  peerAs: z.number().int().min(0).max(4294967295).optional(),
  /** sent | received | unknown. (Not "direction": tRPC infinite queries use that input key.) */
  dir: z.enum(BGP_DIRECTIONS).optional(),
  kind: z.enum(BGP_EVENT_KINDS).optional(),
  source: z.enum(BGP_EVENT_SOURCES).optional(),
  code: z.number().int().min(0).max(255).optional(),
  subcode: z.number().int().min(0).max(255).optional(),
  /** Substring of the communication text, reason or log line. */
  q: z.string().trim().min(1).max(255).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  cursor: cursorSchema.optional(),
});
export type BgpEventFilter = z.input<typeof bgpEventFilterSchema>;

export const bgpUnparsedFilterSchema = z.object({
  router: z.string().trim().min(1).max(255).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Id of the last row of the previous page (order: id desc). */
  cursor: z.number().int().positive().optional(),
});
export type BgpUnparsedFilter = z.input<typeof bgpUnparsedFilterSchema>;
