// Loopback captures from BIRD 2.0.12, FRR 8.4.4 and GoBGP 3.10 (vectors/peer-samples, see README.md).
import { describe, expect, it } from "vitest";
import { type BgpNotification, decodeNotification, parseLog, toHex } from "../../src/bgp/index";
import { decodeUtf8Lenient, fromHex } from "../../src/bgp/bytes";
import { readTcpSegments, splitBgpMessages } from "./helpers/pcap";
import { readVectorText, vector } from "./helpers/vectors";

interface Wire {
  src: string;
  dst: string;
  length: number;
  n: BgpNotification;
}

function wire(): Wire[] {
  const out: Wire[] = [];
  for (const s of readTcpSegments(vector("peer-samples", "bgp", "notifications-only.pcap"))) {
    for (const m of splitBgpMessages(s.payload)) {
      if (m[18] !== 3) continue; // segments also carry UPDATEs/KEEPALIVEs
      const d = decodeNotification(m);
      if (!d.ok) throw new Error(d.error.message);
      out.push({ src: s.src, dst: s.dst, length: d.value.length, n: d.value.notification });
    }
  }
  return out;
}

// tshark 4.0 rows as published in peers.md ("What's on the wire"): src|dst|bgp.length|major|minor|comm length|comm|minor_data.
const TSHARK_ROWS = [
  "127.0.0.1|127.0.0.2|80|6|2|58|Maintenance window #42: planned shutdown (ticket NET-1234)|",
  "127.0.0.1|127.0.0.2|66|6|4|44|Resetting session to apply new import policy|",
  "127.0.0.1|127.0.0.2|145|6|2|123|Плановые работы: замена линейной карты, окно 02:00–04:00 МСК. Тикет № 5678|",
  "127.0.0.1|127.0.0.2|222|6|2|200|RFC9003 long shutdown communication test; …",
  "127.0.0.1|127.0.0.2|277|6|2|255|L255-abcdefghij…",
  "127.0.0.3|127.0.0.1|21|6|4|||",
  "127.0.0.3|127.0.0.1|28|3||||4003047f000001",
];

describe("notifications-only.pcap", () => {
  const all = wire();

  it("holds 85 NOTIFICATIONs (peers.md)", () => {
    expect(all.length).toBe(85);
  });

  for (const row of TSHARK_ROWS) {
    it(`matches tshark row ${row.slice(0, 60)}`, () => {
      const [src, dst, len, major, minor, clen, comm = "", minorData = ""] = row.split("|");
      const hit = all.find((w) => {
        const sc = w.n.shutdown;
        if (w.src !== src || w.dst !== dst || String(w.length) !== len || String(w.n.code) !== major)
          return false;
        if (minor !== "" && String(w.n.subcode) !== minor) return false;
        if (clen === "")
          return sc === undefined || sc.status === "absent" ? w.n.dataHex === minorData : false;
        if (sc?.status !== "ok" || String(sc.length) !== clen) return false;
        return comm.endsWith("…") ? (sc.text ?? "").startsWith(comm.slice(0, -1)) : sc.text === comm;
      });
      expect(hit).toBeDefined();
    });
  }

  it("BIRD B's log shows the same communications BIRD A put on the wire (lenient UTF-8, as BIRD logs raw)", () => {
    const toB = all.filter((w) => w.dst === "127.0.0.2");
    const logged = parseLog(readVectorText("peer-samples", "bgp", "bird-b-RMT-lines.log")).events;
    expect(logged.length).toBe(toB.length);
    logged.forEach((e, i) => {
      const w = toB[i] as Wire;
      expect(e.code).toBe(w.n.code);
      expect(e.subcode).toBe(w.n.subcode);
      const bytes = fromHex(w.n.shutdown?.communicationHex ?? "") as Uint8Array;
      expect(e.communication).toBe(decodeUtf8Lenient(bytes));
    });
  });

  it("FRR's log of the crafted cases (from 127.0.0.5) matches the wire octets", () => {
    const wireFrr = all.filter((w) => w.src === "127.0.0.5" && w.dst === "127.0.0.3");
    const logged = parseLog(
      readVectorText("peer-samples", "bgp", "frr-bgpd-notification-lines.log"),
    ).events.filter((e) => e.peer === "127.0.0.5" && e.event === "notification");
    expect(logged.length).toBe(wireFrr.length);
    logged.forEach((e, i) => {
      const w = wireFrr[i] as Wire;
      expect([e.code, e.subcode]).toEqual([w.n.code, w.n.subcode]);
      if (e.communicationHex !== undefined) {
        expect(e.communicationHex).toBe(w.n.shutdown?.communicationHex);
      } else {
        expect(e.dataHex).toBe(w.n.dataHex);
      }
    });
  });

  it("the 255-octet Я×128 cut leaves invalid UTF-8 on the wire (peers.md: lone 0xD0)", () => {
    const bad = all.filter((w) => w.n.shutdown?.status === "invalid-utf8" && w.length === 277);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]?.n.shutdown?.communicationHex.endsWith("d0")).toBe(true);
    expect(toHex(new Uint8Array([0xd0]))).toBe("d0");
  });
});
