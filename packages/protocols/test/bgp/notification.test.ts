import { describe, expect, it } from "vitest";
import {
  BgpErrorCode,
  CeaseSubcode,
  ERROR_CODE_NAMES,
  ERROR_SUBCODE_NAMES,
  decodeBgpHeader,
  decodeBgpMessage,
  decodeNotification,
  decodeNotificationBody,
  decodeOpen,
  describeNotification,
  encodeBgpMessage,
  encodeHardResetNotification,
  encodeNotification,
  encodeShutdownNotification,
  errorSubcodeName,
  fromHex,
  toHex,
} from "../../src/bgp/index";
import { mrtBgpMessages } from "./helpers/mrt";
import { readTcpSegments, splitBgpMessages } from "./helpers/pcap";
import { readVectorText, tcpdumpNotificationLine, tcpdumpPackets, vector } from "./helpers/vectors";

function bgpMessagesOf(file: string): Uint8Array[][] {
  return readTcpSegments(vector("tcpdump", file)).map((s) => splitBgpMessages(s.payload));
}

// tcpdump's test suite: each .pcap/.pcapng with the text tcpdump -v printed (the .out file).
const TCPDUMP_CASES: [string, string][] = [
  ["bgp-shutdown-communication.pcapng", "bgp-shutdown-communication.out"],
  ["bgp-extended-shutdown-msg.pcapng", "bgp-extended-shutdown-msg.out"],
  ["bgp-shutdown-msg-variations.pcap", "bgp-shutdown-msg-variations.out"],
  ["bgp-cease-hard-reset.pcap", "bgp-cease-hard-reset.out"],
  ["bgp-malformed-hard-reset.pcap", "bgp-malformed-hard-reset.out"],
  ["bgp-bfd-cease.pcap", "bgp-bfd-cease.out"],
  ["bgp_notification_rr_msg_error.pcap", "bgp_notification_rr_msg_error.out"],
];

describe("tcpdump vectors (decode matches the published tcpdump -v text)", () => {
  for (const [pcap, out] of TCPDUMP_CASES) {
    it(pcap, () => {
      const expected = tcpdumpPackets(readVectorText("tcpdump", out));
      const packets = bgpMessagesOf(pcap);
      expect(packets.length).toBe(expected.length);
      let compared = 0;
      packets.forEach((msgs, i) => {
        const want = expected[i] ?? "";
        if (!want.startsWith("\tNotification")) return;
        expect(msgs.length).toBe(1);
        const d = decodeNotification(msgs[0] as Uint8Array);
        if (!d.ok) throw new Error(d.error.message);
        expect(tcpdumpNotificationLine(d.value.length, d.value.notification)).toBe(want);
        compared++;
      });
      expect(compared).toBeGreaterThan(0);
    });
  }

  it("OPENs in the hard-reset capture match tcpdump's version/AS/hold time/ID lines", () => {
    const out = tcpdumpPackets(readVectorText("tcpdump", "bgp-cease-hard-reset.out"));
    const packets = bgpMessagesOf("bgp-cease-hard-reset.pcap");
    for (const i of [0, 1]) {
      const o = decodeOpen(packets[i]?.[0] as Uint8Array);
      if (!o.ok) throw new Error(o.error.message);
      const v = o.value;
      expect(out[i]).toContain(`\tOpen Message (1), length: ${v.length}\n`);
      expect(out[i]).toContain(
        `Version ${v.version}, my AS ${v.myAs}, Holdtime ${v.holdTime}s, ID ${v.bgpId}\n`,
      );
      if (v.fourOctetAs !== undefined) expect(out[i]).toContain(`4 Byte AS ${v.fourOctetAs}`);
      else expect(out[i]).not.toContain("32-Bit AS Number");
    }
  });

  it("SOURCES.md byte prefix of the RFC 8203 author's capture", () => {
    const msg = bgpMessagesOf("bgp-shutdown-communication.pcapng")[0]?.[0] as Uint8Array;
    expect(toHex(msg).startsWith("ffffffffffffffffffffffffffffffff004a030602345468")).toBe(true);
  });
});

describe("codes", () => {
  it("names every RFC 4271/4486/8538/9384/6608/7313/9234 code used by the issue", () => {
    expect(ERROR_CODE_NAMES[8]).toBe("Send Hold Timer Expired");
    expect(errorSubcodeName(2, 11)).toBe("Role Mismatch");
    expect(errorSubcodeName(5, 3)).toBe("Receive Unexpected Message in Established State");
    expect(errorSubcodeName(7, 1)).toBe("Invalid Message Length");
    expect(errorSubcodeName(6, 9)).toBe("Hard Reset");
    expect(errorSubcodeName(6, 10)).toBe("BFD Down");
    for (let s = 1; s <= 10; s++) expect(ERROR_SUBCODE_NAMES[6]?.[s]).toBeDefined();
    expect(errorSubcodeName(6, 77)).toBe("Unknown subcode 77");
  });
});

describe("header", () => {
  it("rejects bad marker, lengths and types with typed errors", () => {
    const good = encodeNotification({ code: 6, subcode: 2 });
    if (!good.ok) throw new Error("encode");
    expect(decodeBgpHeader(good.value).ok).toBe(true);
    const badMarker = good.value.slice();
    badMarker[3] = 0;
    expect(decodeBgpHeader(badMarker)).toMatchObject({ ok: false, error: { code: "bad-marker" } });
    const shortLen = good.value.slice();
    shortLen[17] = 18;
    expect(decodeBgpHeader(shortLen)).toMatchObject({ ok: false, error: { code: "bad-length" } });
    const badType = good.value.slice();
    badType[18] = 9;
    expect(decodeBgpHeader(badType)).toMatchObject({ ok: false, error: { code: "bad-type" } });
    expect(decodeBgpHeader(good.value.subarray(0, 10))).toMatchObject({
      ok: false,
      error: { code: "truncated" },
    });
    expect(decodeBgpMessage(good.value.subarray(0, 20))).toMatchObject({
      ok: false,
      error: { code: "truncated" },
    });
  });

  it("enforces 4096 unless extended messages are on", () => {
    const body = new Uint8Array(5000);
    expect(encodeBgpMessage(2, body).ok).toBe(false);
    const ext = encodeBgpMessage(2, body, { extendedMessages: true });
    expect(ext.ok).toBe(true);
    if (ext.ok) {
      expect(decodeBgpHeader(ext.value).ok).toBe(false);
      expect(decodeBgpHeader(ext.value, { extendedMessages: true }).ok).toBe(true);
    }
  });
});

describe("notification encode/decode", () => {
  it("round-trips a shutdown communication", () => {
    const e = encodeShutdownNotification(CeaseSubcode.AdministrativeShutdown, "Maintenance [REF056255] ✓");
    if (!e.ok) throw new Error(e.error.message);
    const d = decodeNotification(e.value);
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.notification.shutdown?.text).toBe("Maintenance [REF056255] ✓");
    expect(d.value.notification.shutdown?.status).toBe("ok");
  });

  it("refuses over-long text instead of truncating", () => {
    expect(encodeShutdownNotification(2, "x".repeat(256))).toMatchObject({
      ok: false,
      error: { code: "too-long" },
    });
    expect(encodeShutdownNotification(2, "x".repeat(129), { maxBytes: 128 }).ok).toBe(false);
    expect(encodeShutdownNotification(2, "x".repeat(255)).ok).toBe(true);
  });

  it("Hard Reset wrapping an administrative shutdown decodes both levels", () => {
    const comm = fromHex("0568656c6c6f") as Uint8Array;
    const e = encodeHardResetNotification({ code: BgpErrorCode.Cease, subcode: 2, data: comm });
    if (!e.ok) throw new Error("encode");
    const d = decodeNotification(e.value);
    if (!d.ok) throw new Error(d.error.message);
    const inner = d.value.notification.hardReset?.inner;
    expect(inner?.subcodeName).toBe("Administrative Shutdown");
    expect(inner?.shutdown?.text).toBe("hello");
    expect(describeNotification(d.value.notification)).toBe(
      'Cease/Hard Reset (6/9) encapsulating Cease/Administrative Shutdown (6/2): "hello"',
    );
  });

  it("flags a Hard Reset without encapsulated notification and nested Hard Resets", () => {
    const bare = decodeNotificationBody(fromHex("0609") as Uint8Array);
    expect(bare.ok && bare.value.hardReset?.findings).toEqual(["missing-encapsulated"]);
    const nested = decodeNotificationBody(fromHex("060906090609060900") as Uint8Array);
    expect(nested.ok).toBe(true);
  });

  it("does not treat Cease/3 data as a communication (FRR/BIRD sample 'other_cease')", () => {
    const d = decodeNotificationBody(fromHex("06031d706565722064652d636f6e66696775726564") as Uint8Array);
    expect(d.ok && d.value.shutdown).toBeUndefined();
  });
});

describe("MRT samples (mrtparse): every BGP4MP message has a valid header; NOTIFICATIONs decode", () => {
  it("contains Cease/4 records as SOURCES.md says", () => {
    const codes: string[] = [];
    for (const f of ["bird_bgp", "openbgpd_bgp", "quagga_bgp"]) {
      for (const m of mrtBgpMessages(vector("mrt", f))) {
        const h = decodeBgpMessage(m, { extendedMessages: true });
        expect(h.ok).toBe(true);
        if (h.ok && h.value.header.type === 3) {
          const n = decodeNotification(m);
          if (!n.ok) throw new Error(n.error.message);
          codes.push(`${n.value.notification.code}/${n.value.notification.subcode}`);
        }
      }
    }
    expect(codes).toContain("6/4");
  });
});
