// `netops enrp decode|csp|import` on the rsplib captures copied under packages/protocols/test/rserpool/vectors.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const VECTORS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../protocols/test/rserpool/vectors",
);
const run = (...args: string[]) => runCli(args);
// Frame 10 of enrp-takeover: registrar A's first ENRP Presence; frame 3: its first CSP report.
const PRESENCE = "0100002caaaa000100000000000f0006ffff0000000b0018aaaa00010004001026ad0000000100080a4d0001";
const CSP = `010001200000020001000000aaaa00010000000000000002000f4240${Buffer.from("vm: 10.77.0.1:3863").toString("hex").padEnd(256, "0")}${Buffer.from("0[0] PEs in 0 Pools, 0 Peers").toString("hex").padEnd(256, "0")}ffff0000`;
describe("netops enrp decode", () => {
  it("prints an ENRP Presence with every parameter", async () => {
    const r = await run("enrp", "decode", PRESENCE, "--protocol", "enrp");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "ENRP Presence (type 1), flags 0x00 [R=0], length 44",
        "  sender 0xaaaa0001, receiver 0x00000000",
        "  PE Checksum: 0xffff",
        "  Server Information 0xaaaa0001: SCTP port 9901, data only [10.77.0.1]",
        "",
      ].join("\n"),
    );
  });

  it("--json gives the decoded structure", async () => {
    const r = await run("enrp", "decode", PRESENCE, "--protocol", "enrp", "--json");
    expect(JSON.parse(r.out)).toMatchObject({
      protocol: "enrp",
      type: 1,
      senderId: 0xaaaa0001,
      params: [{ kind: "peChecksum", checksum: 0xffff }, { kind: "serverInformation" }],
    });
  });

  it("an ASAP message: Endpoint Keep-Alive with H=1 (frame 669)", async () => {
    const r = await run(
      "enrp",
      "decode",
      "0701001ccccc00030009000c4563686f506f6f6c000e0008de000001",
      "--protocol",
      "asap",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("ASAP Endpoint Keep-Alive (type 7), flags 0x01 [H=1], length 28");
    expect(r.out).toContain('Pool Handle: "EchoPool"');
    expect(r.out).toContain("PE Identifier: 0xde000001");
  });

  it("a truncated message fails with the offset (exit 1)", async () => {
    const r = await run("enrp", "decode", PRESENCE.slice(0, 40), "--protocol", "enrp");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a valid ENRP message: offset 2: ENRP message length: says 44, only 20 bytes/);
  });

  it("usage errors exit 2", async () => {
    expect((await run("enrp", "decode", PRESENCE)).code).toBe(2);
    expect((await run("enrp", "decode", "abc", "--protocol", "asap")).code).toBe(2);
    expect((await run("enrp", "frobnicate")).code).toBe(2);
  });
});

describe("netops enrp csp", () => {
  it("prints registrar A's first report", async () => {
    const r = await run("enrp", "csp", CSP);
    expect(r.code).toBe(0);
    expect(r.out).toContain("sender 0x01000000aaaa0001 (Registrar, object 0x00000000aaaa0001)");
    expect(r.out).toContain('status "0[0] PEs in 0 Pools, 0 Peers"');
    expect(r.out).toContain("workload n/a");
    const j = JSON.parse((await run("enrp", "csp", CSP, "--json")).out);
    expect(j).toMatchObject({
      group: 1,
      location: "vm: 10.77.0.1:3863",
      reportIntervalUs: 1000000,
      associations: [],
    });
  });
});

describe("netops enrp import", () => {
  it("rebuilds the takeover capture's handlespace and events", async () => {
    const r = await run("enrp", "import", path.join(VECTORS, "enrp-takeover.pcapng"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /1407 frames, 254 ASAP, 201 ENRP, 413 CSP, 4 empty payloads, 0 decode errors, 50 retransmissions/,
    );
    expect(r.out).toMatch(/0xaaaa0001 {2}taken-over by 0xcccc0003/);
    expect(r.out).toMatch(/frame 653 {2}taken-over {2}0xaaaa0001 taken over by 0xcccc0003 \(4 PEs\)/);
    expect(r.err).toBe("");
  });

  it("--json: registrars, events and stats", async () => {
    const r = await run("enrp", "import", path.join(VECTORS, "enrp-two-registrars.pcapng"), "--json");
    const j = JSON.parse(r.out);
    expect(j.stats).toMatchObject({ frames: 490, asap: 119, enrp: 81, csp: 153 });
    expect(j.registrars.map((x: { id: number }) => x.id)).toEqual([0xaaaa0001, 0xbbbb0002]);
    expect(j.events.filter((e: { kind: string }) => e.kind === "deregistered")).toHaveLength(2);
  });

  it("a file that is not a capture: the issue with its offset, exit 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "netops-enrp-"));
    const f = path.join(dir, "x.pcap");
    writeFileSync(f, "hello, world");
    const r = await run("enrp", "import", f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/offset 0: magic: 0x68656c6c is neither pcap nor pcapng/);
    const missing = await run("enrp", "import", path.join(dir, "nope.pcap"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/ENOENT/);
  });
});
