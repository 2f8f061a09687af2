// Input schemas and the event view the BGP API returns (dates as ISO strings).
import type { BgpDirection, BgpEventKind, BgpEventSource } from "@netops/protocols/bgp";
import { z } from "zod";

// The list filters are shared with the mock API (@netops/protocols/bgp filters.ts).
export {
  BGP_DIRECTIONS,
  BGP_EVENT_KINDS,
  BGP_EVENT_SOURCES,
  type BgpDirection,
  type BgpEventFilter,
  type BgpEventKind,
  type BgpEventSource,
  type BgpUnparsedFilter,
  bgpEventFilterSchema,
  bgpUnparsedFilterSchema,
} from "@netops/protocols/bgp";

export const bgpSessionSchema = z.object({
  router: z.string().min(1).max(255),
  peer: z.string().min(1).max(255),
  limit: z.number().int().min(1).max(500).default(200),
});

export interface BgpTicketView {
  ref: string;
  match: string;
  url: string | null;
}

/** What an event says, as decoded from BMP or a log line: shared by the draft stored and the view shown. */
export interface BgpEventFields {
  router: string;
  peerAddress: string | null;
  peerAs: number | null;
  peerName: string | null;
  kind: BgpEventKind;
  direction: BgpDirection;
  code: number | null;
  subcode: number | null;
  codeName: string | null;
  subcodeName: string | null;
  text: string | null;
  textBytes: number | null;
  status: string | null;
  findings: string[];
  rawHex: string | null;
  rawLine: string | null;
  reason: string | null;
  source: BgpEventSource;
  format: string | null;
}

export interface BgpEventView extends BgpEventFields {
  id: number;
  at: string;
  receivedAt: string;
  /** Address, else the daemon's name for the peer: with router, identifies the session. */
  peer: string;
  tickets: BgpTicketView[];
}

/** A log line that looked like a BGP event but did not parse, as kept in the database. */
export interface BgpUnparsedView {
  id: number;
  firstSeen: string;
  lastSeen: string;
  /** Times this exact line arrived from this router and source. */
  count: number;
  router: string;
  source: string;
  line: string;
  reason: string;
}
