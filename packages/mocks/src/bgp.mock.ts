/**
 * Mock BGP events and resolvers (tests, Storybook, dev:mock). Routers are example.net hosts, peers are
 * documentation addresses and every text starts with "Example:", so none of it can pass for real data.
 */
import type { AppRouter, RouterInputs, RouterOutputs } from "@netops/api";
import { likeContains, pageOfSorted, prefixContains } from "@netops/protocols";
import {
  bgpEventFilterSchema,
  bgpUnparsedFilterSchema,
  encodeShutdownNotification,
  toHex,
} from "@netops/protocols/bgp";
import { invalid } from "./errors";
import { fixtureTime } from "./fixtures";
import type { MockSubsystem } from "./subsystem";
import { mockError, type TrpcResolvers } from "./trpc-msw";

export type BgpEventFixture = RouterOutputs["bgp"]["event"];

let nextBgpId = 1;

/** One event; defaults describe an administrative shutdown received over BMP. */
export function bgpEventFixture(over: Partial<BgpEventFixture> = {}): BgpEventFixture {
  const text =
    over.text === undefined ? "Example: [REF056255] upgrading the router, back in 30 minutes" : over.text;
  const pdu = text !== null ? encodeShutdownNotification(2, text) : null;
  const id = over.id ?? nextBgpId++;
  return {
    id,
    at: fixtureTime(-id * 7),
    receivedAt: fixtureTime(-id * 7),
    router: "rtr1.example.net",
    peer: "192.0.2.1",
    peerAddress: "192.0.2.1",
    peerAs: 64501,
    peerName: null,
    kind: "down",
    direction: "received",
    code: 6,
    subcode: 2,
    codeName: "Cease",
    subcodeName: "Administrative Shutdown",
    text,
    textBytes: text !== null ? new TextEncoder().encode(text).length : null,
    status: text !== null ? "ok" : "absent",
    findings: [],
    rawHex: pdu?.ok ? toHex(pdu.value) : null,
    rawLine: null,
    reason: "Remote system closed, NOTIFICATION PDU follows",
    source: "bmp",
    format: null,
    tickets: text?.includes("[REF056255]") ? [{ ref: "REF056255", match: "[REF056255]", url: null }] : [],
    ...over,
  };
}

/** A few sessions: shutdowns with text (ASCII and Cyrillic), one without, an up, a syslog line. */
export function bgpSampleEvents(): BgpEventFixture[] {
  nextBgpId = 1;
  const cyr = "Example: Плановые работы: замена линейной карты, окно 02:00–04:00 МСК. Тикет № 5678";
  return [
    bgpEventFixture(),
    bgpEventFixture({
      kind: "up",
      code: null,
      subcode: null,
      codeName: null,
      subcodeName: null,
      text: null,
      textBytes: null,
      status: null,
      rawHex: null,
      reason: "Peer Up",
      direction: "unknown",
    }),
    bgpEventFixture({
      router: "rtr2.example.net",
      peer: "2001:db8::2",
      peerAddress: "2001:db8::2",
      peerAs: 64502,
      text: cyr,
    }),
    bgpEventFixture({
      subcode: 4,
      subcodeName: "Administrative Reset",
      text: null,
      status: "absent",
      findings: ["absent"],
    }),
    bgpEventFixture({
      router: "edge1.example.net",
      peer: "to_peer",
      peerAddress: null,
      peerName: "to_peer",
      peerAs: null,
      kind: "notification",
      source: "syslog",
      format: "bird",
      text: "Example: maintenance window #42 (ticket NET-1234)",
      rawHex: null,
      rawLine:
        '<27>Nov 21 05:20:00 edge1 bird: to_peer: Received: Administrative shutdown: "Example: maintenance window #42 (ticket NET-1234)"',
      reason: null,
    }),
  ];
}

type BgpPaths = "bgp.events" | "bgp.event" | "bgp.session" | "bgp.routers" | "bgp.status" | "bgp.unparsed";

export type BgpUnparsedFixture = RouterOutputs["bgp"]["unparsed"]["items"][number];

/** Lines that looked like BGP events but did not parse (a format the parsers do not know). */
export function bgpSampleUnparsed(): BgpUnparsedFixture[] {
  return [
    {
      id: 2,
      firstSeen: fixtureTime(-30),
      lastSeen: fixtureTime(-5),
      count: 3,
      router: "edge2.example.net",
      source: "syslog",
      line: "<28>Nov 21 06:00:00 edge2 bgpd: Example: NOTIFICATION in a format no parser knows (BGP)",
      reason: "no parser recognises this format",
    },
    {
      id: 1,
      firstSeen: fixtureTime(-60),
      lastSeen: fixtureTime(-60),
      count: 1,
      router: "rtr1.example.net",
      source: "file",
      line: "2026/11/21 05:10:00.000 BGP: Example: %NOTIFICATION: sent to neighbor (truncated",
      reason: "frr: NOTIFICATION line without a peer",
    },
  ];
}

/** Resolvers that filter and page like the real service (keyset on time, id). */
export function createBgpResolvers(
  events: BgpEventFixture[],
  unparsed: BgpUnparsedFixture[] = events.length > 0 ? bgpSampleUnparsed() : [],
): Pick<TrpcResolvers<AppRouter>, BgpPaths> {
  const sorted = () => [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return {
    "bgp.events": (raw: RouterInputs["bgp"]["events"]) => {
      const parsed = bgpEventFilterSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const input = parsed.data;
      const ms = (iso: string) => Date.parse(iso);
      const rows = sorted().filter(
        (e) =>
          (!input.router || e.router === input.router) &&
          (!input.peer || likeContains(e.peerAddress, input.peer) || likeContains(e.peerName, input.peer)) &&
          (input.peerAs === undefined || e.peerAs === input.peerAs) &&
          (!input.prefix || (e.peerAddress !== null && prefixContains(input.prefix, e.peerAddress))) &&
          (!input.dir || e.direction === input.dir) &&
          (!input.kind || e.kind === input.kind) &&
          (!input.source || e.source === input.source) &&
          (input.code === undefined || e.code === input.code) &&
          (input.subcode === undefined || e.subcode === input.subcode) &&
          (!input.q || [e.text, e.reason, e.rawLine].some((s) => likeContains(s, input.q ?? ""))) &&
          (!input.from || ms(e.at) >= ms(input.from)) &&
          (!input.to || ms(e.at) < ms(input.to)),
      );
      // The service's keyset on (time, id), newest first; its cursor text is "ms:id".
      const [at, id] = (input.cursor?.split(":").map(Number) ?? []) as [number?, number?];
      const after =
        at === undefined || id === undefined
          ? null
          : (e: BgpEventFixture) => ms(e.at) < at || (ms(e.at) === at && e.id < id);
      return pageOfSorted(rows, input.limit, after, (e) => `${ms(e.at)}:${e.id}`);
    },
    "bgp.event": (input) => {
      const e = events.find((x) => x.id === input.id);
      if (!e) throw mockError("NOT_FOUND", `no BGP event ${input.id}`);
      return e;
    },
    "bgp.session": (input) => {
      return sorted()
        .filter((e) => e.router === input.router && e.peer === input.peer)
        .reverse();
    },
    "bgp.unparsed": (raw: RouterInputs["bgp"]["unparsed"]) => {
      const parsed = bgpUnparsedFilterSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const input = parsed.data;
      const all = unparsed
        .filter((u) => !input.router || u.router === input.router)
        .sort((a, b) => b.id - a.id);
      const cursor = input.cursor;
      const after = cursor === undefined ? null : (u: BgpUnparsedFixture) => u.id < cursor;
      return { ...pageOfSorted(all, input.limit, after, (u) => u.id), total: all.length };
    },
    "bgp.routers": () => {
      return [...new Set(events.map((e) => e.router))].sort();
    },
    "bgp.status": () => {
      return {
        collectors: [{ name: "bmp", detail: "mock: no collector runs in mock mode" }],
        counters: {
          inserted: events.length,
          duplicates: 0,
          unparsedLines: unparsed.reduce((n, u) => n + u.count, 0),
          unparsedStoreFailures: 0,
          bmpErrors: 0,
        },
        unparsed: [],
        last24h: {
          events: events.length,
          downs: events.filter((e) => e.kind === "down").length,
          total: events.length,
        },
      };
    },
  };
}

/**
 * The `bgp` tile as the server's probe words it, from the mock's events (counted as the last 24
 * hours') and its number of collectors (none configured: not_configured).
 */
export function bgpTile(
  events: readonly BgpEventFixture[],
  sources: number,
): { health: "ok" | "not_configured"; summary: string } {
  if (sources === 0)
    return { health: "not_configured", summary: "No BMP, syslog or log file source configured" };
  const downs = events.filter((e) => e.kind === "down").length;
  return {
    health: "ok",
    summary: `${events.length} events (${downs} downs) in 24 h; ${sources} source${sources === 1 ? "" : "s"}`,
  };
}

/** The BGP mock: sample events, one collector (BMP) in the mock, none in the empty console. */
export const mockSubsystem: MockSubsystem<"bgp"> = ({ empty }) => {
  const events = empty ? [] : bgpSampleEvents();
  return { resolvers: createBgpResolvers(events), tile: () => bgpTile(events, empty ? 0 : 1) };
};
