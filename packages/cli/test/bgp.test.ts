// `netops bgp decode` and `netops bgp parse-log` on the repository's BGP vectors (tcpdump's capture of a
// 210-octet RFC 9003 message, GoBGP's recorded BMP stream, BIRD's log lines): output and exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const VECTORS = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../protocols/test/bgp/vectors");

const run = (...args: string[]) => runCli(args);

/** The 232-octet NOTIFICATION inside tcpdump's bgp-extended-shutdown-msg capture (found by its header). */
function tcpdumpNotification(): Buffer {
  const file = readFileSync(path.join(VECTORS, "tcpdump/bgp-extended-shutdown-msg.pcapng"));
  const header = Buffer.concat([Buffer.alloc(16, 0xff), Buffer.from([0x00, 0xe8, 0x03])]);
  const at = file.indexOf(header);
  if (at < 0) throw new Error("NOTIFICATION not found in the capture");
  return file.subarray(at, at + 232);
}

/** The Peer Down (reason 3) with BIRD-A's message from the recorded GoBGP BMP stream. */
function gobgpPeerDown(): Buffer {
  const stream = readFileSync(path.join(VECTORS, "peer-samples/bmp/gobgp-bmp-stream.bin"));
  for (let p = 0; p + 6 <= stream.length; ) {
    const len = stream.readUInt32BE(p + 1);
    const msg = stream.subarray(p, p + len);
    if (msg[5] === 2 && msg[48] === 3 && msg.includes("ticket NET-3003")) return msg;
    p += len;
  }
  throw new Error("Peer Down not found in the stream");
}

const TICKET_TEXT = "[TICKET-1-1438367390] software upgrade; Expected downtime for 2 hours;".repeat(3);

describe("netops bgp decode", () => {
  it("decodes a BGP NOTIFICATION from tcpdump's capture (210-octet RFC 9003 communication)", async () => {
    const pdu = tcpdumpNotification();
    const r = await run("bgp", "decode", pdu.toString("hex"));
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Cease/Administrative Shutdown (6/2): ${JSON.stringify(TICKET_TEXT)}\n`);

    const j = await run("bgp", "decode", pdu.toString("hex"), "--json");
    expect(j.code).toBe(0);
    const v = JSON.parse(j.out);
    expect(v).toMatchObject({
      kind: "notification",
      length: 232,
      notification: {
        code: 6,
        subcode: 2,
        dataLength: 211,
        shutdown: { status: "ok", length: 210, text: TICKET_TEXT, trailingHex: "", rfc8203Compatible: false },
      },
    });
    expect(v.notification.dataHex).toBe(pdu.subarray(21).toString("hex"));
    expect(v.notification.shutdown.findings).toEqual(["exceeds-rfc8203-limit"]);
  });

  it("accepts the hex with spaces and colons, as tools print it", async () => {
    const hex = tcpdumpNotification().toString("hex");
    const spaced = hex.match(/../g)?.join(" ") ?? "";
    const r = await run(
      "bgp",
      "decode",
      ...spaced.split(" ").slice(0, 10),
      spaced.split(" ").slice(10).join(":"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("Cease/Administrative Shutdown (6/2)");
  });

  it("decodes a BMP Peer Down from GoBGP's recorded stream, with the NOTIFICATION inside", async () => {
    const msg = gobgpPeerDown();
    const r = await run("bgp", "decode", msg.toString("hex"));
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "BMP Peer Down Notification peer 127.0.0.1 AS65001: Remote system closed, NOTIFICATION PDU follows; " +
        'Cease/Administrative Shutdown (6/2): "BIRD-A maintenance: planned shutdown (ticket NET-3003)"\n',
    );
    const j = await run("bgp", "decode", "--json", msg.toString("hex"));
    expect(j.code).toBe(0);
    const v = JSON.parse(j.out);
    expect(v.kind).toBe("bmp");
    expect(v.message).toMatchObject({
      kind: "peer-down",
      reason: 3,
      peer: { address: "127.0.0.1", asn: 65001, distinguisherHex: "0000000000000000" },
      notification: {
        code: 6,
        subcode: 2,
        shutdown: { text: "BIRD-A maintenance: planned shutdown (ticket NET-3003)" },
      },
    });
    expect(v.message.dataHex).toBe(msg.subarray(49).toString("hex"));
  });

  it("exit 2 for input that is not hex, 1 for hex that is not a BGP or BMP message", async () => {
    const odd = await run("bgp", "decode", "fff");
    expect(odd.code).toBe(2);
    expect(odd.err).toMatch(/HEX: expected an even number of hex digits/);
    expect((await run("bgp", "decode", "zz")).code).toBe(2);
    expect((await run("bgp", "decode")).code).toBe(2);
    const other = await run("bgp", "decode", "0001");
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/first octet 0x00: neither a BGP marker/);
    const cut = await run("bgp", "decode", "ff".repeat(16));
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/not a BGP message: need 19 octets/);
    const bmp = await run("bgp", "decode", "03000000ff02");
    expect(bmp.code).toBe(1);
    expect(bmp.err).toMatch(/not a BMP message/);
    expect((await run("bgp", "frobnicate")).code).toBe(2);
  });
});

describe("netops bgp parse-log", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-bgp-cli-"));
  const bird = readFileSync(path.join(VECTORS, "peer-samples/bgp/bird-a-RMT-lines.log"), "utf8");
  const birdLines = bird.split("\n").filter((l) => l.length > 0);
  const unknown =
    "Nov 21 06:00:00 edge9 vendord[1]: BGP peer 192.0.2.9 NOTIFICATION in a format nobody parses";
  const file = path.join(dir, "router.log");
  writeFileSync(file, `sshd[1]: Accepted publickey for ops\n${bird}${unknown}\n`);

  it("prints one JSON object per BGP line, with file and 1-based line numbers; unparsed lines too", async () => {
    const r = await run("bgp", "parse-log", file);
    expect(r.code).toBe(0);
    const rows = r.out
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(birdLines.length + 1);
    expect(rows[0]).toMatchObject({ file, kind: "event", format: "bird", lineNumber: 2, raw: birdLines[0] });
    expect(rows.slice(0, -1).every((x) => x.kind === "event" && x.format === "bird")).toBe(true);
    expect(rows.at(-1)).toEqual({
      file,
      kind: "unparsed",
      lineNumber: birdLines.length + 2,
      raw: unknown,
      reason: "no parser recognises this format",
    });
  });

  it("--format restricts the parser: a BIRD log read as FRR gives nothing", async () => {
    const r = await run("bgp", "parse-log", file, "--format", "frr");
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect((await run("bgp", "parse-log", file, "--format", "bird")).out.trimEnd().split("\n")).toHaveLength(
      birdLines.length,
    );
  });

  it("exit 2 for a bad --format or missing FILE, 1 for a file that cannot be read", async () => {
    const bad = await run("bgp", "parse-log", file, "--format", "cisco");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format: one of bird, frr, gobgp, openbgpd, junos, iosxr, auto/);
    expect((await run("bgp", "parse-log")).code).toBe(2);
    const missing = await run("bgp", "parse-log", path.join(dir, "nope.log"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.log: ENOENT/);
  });
});
