import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLogTimestamp, parseSyslogMessage, SyslogStreamFramer } from "../../src/bgp";

const V = path.join(__dirname, "vectors/peer-samples/bgp");
const enc = new TextEncoder();
const dec = new TextDecoder();

describe("syslog messages from the captured daemons", () => {
  it("reads FRR's RFC 5424 lines: host, app, procid, structured data, message", () => {
    const line =
      readFileSync(path.join(V, "frr-bgpd-rfc5424-notification-lines.log"), "utf8").split("\n")[1] ?? "";
    const m = parseSyslogMessage(line);
    expect(m.ok && m.value).toMatchObject({
      format: "rfc5424",
      pri: 30,
      facility: 3,
      severity: 6,
      timestamp: "2026-11-21T06:08:50.506300Z",
      hostname: "frr-peer",
      appName: "bgpd",
      procId: "27204",
      msgId: "BGP",
      structuredData: '[location@50145 tid="27204" id="HZN6M-XRM1G"]',
    });
    expect(m.ok && m.value.message.startsWith("%NOTIFICATION: sent to neighbor 127.0.0.1 3/8")).toBe(true);
  });

  it("reads RFC 3164 with and without a host name (BIRD over /dev/log has none)", () => {
    const frr = parseSyslogMessage(
      readFileSync(path.join(V, "frr-bgpd-rfc3164-notification-lines.log"), "utf8").split("\n")[0] ?? "",
    );
    expect(frr.ok && frr.value).toMatchObject({
      format: "rfc3164",
      hostname: "frr-peer",
      appName: "bgpd",
      procId: "27204",
    });
    const bird = parseSyslogMessage(
      readFileSync(path.join(V, "bird-c.syslog.raw"), "utf8").split("\n")[1] ?? "",
    );
    expect(bird.ok && bird.value).toMatchObject({
      pri: 27,
      timestamp: "Nov 21 06:25:13",
      hostname: undefined,
      appName: "bird",
    });
    expect(bird.ok && bird.value.message).toBe(
      'to_a: Received: Administrative shutdown: "Maintenance window #42: planned shutdown (ticket NET-1234)"',
    );
  });

  it("refuses text without a PRI, or a PRI above 191, with the reason", () => {
    const a = parseSyslogMessage("hello");
    expect(!a.ok && a.error.message).toMatch(/no <PRI>/);
    const b = parseSyslogMessage("<192>1 - - - - - -");
    expect(!b.ok && b.error.message).toMatch(/above 191/);
  });
});

describe("RFC 6587 framing", () => {
  it("splits octet-counted and newline frames, whatever the chunking", () => {
    const m1 = "<27>1 - h a - - - Плановые работы";
    const m2 = "<30>Nov 21 06:25:06 bird: Started";
    const stream = enc.encode(`${enc.encode(m1).length} ${m1}${m2}\n`);
    for (let cut = 1; cut < stream.length; cut++) {
      const f = new SyslogStreamFramer();
      const ev = [...f.push(stream.subarray(0, cut)), ...f.push(stream.subarray(cut)), ...f.end()];
      expect(ev.map((e) => (e.kind === "message" ? dec.decode(e.bytes) : e.reason))).toEqual([m1, m2]);
    }
  });

  it("drops an over-long frame with a reason and keeps going, holding at most the limit", () => {
    const f = new SyslogStreamFramer(64);
    const ev = f.push(enc.encode(`${"x".repeat(200)}`));
    expect(f.bufferedBytes).toBeLessThanOrEqual(64 + 12);
    const more = f.push(enc.encode("yyy\n<30>ok\n"));
    const all = [...ev, ...more];
    expect(all.filter((e) => e.kind === "error")).toHaveLength(1);
    expect(
      all.filter((e) => e.kind === "message").map((e) => e.kind === "message" && dec.decode(e.bytes)),
    ).toEqual(["<30>ok"]);
    const counted = new SyslogStreamFramer(64).push(enc.encode(`100 ${"z".repeat(100)}<30>next\n`));
    expect(counted.map((e) => e.kind)).toEqual(["error", "message"]);
  });
});

describe("log timestamps", () => {
  it("reads the forms the daemons write", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    expect(parseLogTimestamp("2026-11-21T06:08:50.327995Z", now)?.toISOString()).toBe(
      "2026-11-21T06:08:50.327Z",
    );
    expect(parseLogTimestamp("2026/11/21 06:09:57.075", now)?.toISOString()).toBe("2026-11-21T06:09:57.075Z");
    expect(parseLogTimestamp("2026-11-21T08:00:00+02:00", now)?.toISOString()).toBe(
      "2026-11-21T06:00:00.000Z",
    );
    expect(parseLogTimestamp("Nov 21 06:25:13", now)?.toISOString()).toBe("2026-11-21T06:25:13.000Z");
    // December stamps read in January belong to last year.
    expect(parseLogTimestamp("Dec 31 23:59:59", new Date("2027-01-01T00:10:00Z"))?.getUTCFullYear()).toBe(
      2026,
    );
    expect(parseLogTimestamp("yesterday", now)).toBeUndefined();
  });
});
