// Test helper: a Cease/Administrative Shutdown notification draft, numbered so each is its own event.
import type { BgpEventDraft } from "../../src/features/bgp";

export function shutdownDraft(n: number, at: Date, over: Partial<BgpEventDraft> = {}): BgpEventDraft {
  return {
    at,
    router: "rtr1",
    peerAddress: "192.0.2.1",
    peerAs: 64500,
    peerName: null,
    kind: "notification",
    direction: "received",
    code: 6,
    subcode: 2,
    codeName: "Cease",
    subcodeName: "Administrative Shutdown",
    text: `maintenance ${n}`,
    textBytes: 13,
    status: "ok",
    findings: [],
    rawHex: null,
    rawLine: `line ${n}`,
    reason: null,
    source: "file",
    format: "bird",
    identity: ["rtr1", `line ${n}`],
    ...over,
  };
}
