// One BGP shutdown/up event draft for the BGP and scale benchmarks (the same rows in both).
export function bgpBenchDraft(t0, i) {
  const up = i % 2 === 1;
  return {
    at: new Date(t0 - 60_000 + i),
    router: `rtr${i % 20}`,
    peerAddress: `192.0.2.${i % 200}`,
    peerAs: 64500 + (i % 100),
    peerName: null,
    kind: up ? "up" : "notification",
    direction: "received",
    code: up ? null : 6,
    subcode: up ? null : 2,
    codeName: up ? null : "Cease",
    subcodeName: up ? null : "Administrative Shutdown",
    text: up ? null : `maintenance [REF${String(i).padStart(6, "0")}]`,
    textBytes: up ? null : 19,
    status: up ? null : "ok",
    findings: [],
    rawHex: null,
    rawLine: `bench line ${i}`,
    reason: null,
    source: "syslog",
    format: "frr",
    identity: ["bench", String(i)],
  };
}
