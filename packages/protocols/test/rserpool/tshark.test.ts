// Our decoders against tshark's (Debian tshark 4.0: asap, enrp, componentstatusprotocol dissectors),
// on the two real rsplib captures and on messages our encoder writes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CaptureItem, decodeCapture } from "../../src/rserpool/index";
import { fieldNames, ourFields, sameField, tshark } from "./tshark";
import { cspFieldNames, ourCspFields } from "./tshark-csp";
import { encoderCases, encoderCapture } from "./encoder-cases";

const VEC = path.join(import.meta.dirname, "vectors");
const CAPTURES = ["enrp-takeover", "enrp-two-registrars"];
const tmp = mkdtempSync(path.join(tmpdir(), "rserpool-tshark-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function byFrame(items: CaptureItem[]): Map<number, CaptureItem[]> {
  const m = new Map<number, CaptureItem[]>();
  for (const i of items) m.set(i.frame, [...(m.get(i.frame) ?? []), i]);
  return m;
}

/** Compares every frame tshark dissects as `protocol` with our items for it; returns the frames compared. */
function compare(file: string, items: CaptureItem[], protocol: "asap" | "enrp"): number {
  const names = fieldNames(protocol);
  const rows = tshark(file, `${protocol} && !icmp && !_ws.malformed`, ["frame.number", ...names]);
  const ours = byFrame(items);
  const diffs: string[] = [];
  for (const [frame, ...theirs] of rows) {
    const mine = ourFields(ours.get(Number(frame)) ?? [], protocol);
    names.forEach((n, i) => {
      if (!sameField(n, mine[i] as string, theirs[i] as string))
        diffs.push(`frame ${frame} ${n}: ours ${mine[i]} tshark ${theirs[i]}`);
    });
  }
  // And no frame of ours that tshark does not see as this protocol.
  const theirFrames = new Set(rows.map((r) => Number(r[0])));
  for (const i of items)
    if (i.kind === protocol && !theirFrames.has(i.frame)) diffs.push(`frame ${i.frame}: ours only`);
  expect(diffs.slice(0, 20)).toEqual([]);
  return rows.length;
}

describe.each(CAPTURES)("%s against tshark", (name) => {
  const file = path.join(VEC, `${name}.pcapng`);
  const { items, stats, issues } = decodeCapture(new Uint8Array(readFileSync(file)));

  it("reads the whole file without issues or decode errors", () => {
    expect(issues).toEqual([]);
    expect(stats.errors).toBe(0);
    expect(items.filter((i) => i.kind === "error")).toEqual([]);
  });

  it("agrees with tshark on every ASAP field of every frame", () => {
    expect(compare(file, items, "asap")).toBeGreaterThan(100);
  });

  it("agrees with tshark on every ENRP field of every frame", () => {
    expect(compare(file, items, "enrp")).toBeGreaterThan(70);
  });

  it("agrees with tshark on every ComponentStatusProtocol report", () => {
    const names = cspFieldNames();
    const rows = tshark(file, "componentstatusprotocol && !icmp", ["frame.number", ...names]);
    const ours = byFrame(items);
    const diffs: string[] = [];
    for (const [frame, ...theirs] of rows) {
      const mine = ourCspFields(ours.get(Number(frame)) ?? []);
      names.forEach((n, i) => {
        if (mine[i] !== theirs[i]) diffs.push(`frame ${frame} ${n}: ours ${mine[i]} tshark ${theirs[i]}`);
      });
    }
    expect(diffs.slice(0, 20)).toEqual([]);
    expect(rows.length).toBe(stats.csp);
  });

  it("calls tshark's malformed zero-length DATA chunks empty payloads", () => {
    const malformed = tshark(file, "(asap || enrp) && _ws.malformed && !icmp", ["frame.number"]).map((r) =>
      Number(r[0]),
    );
    const empty = items.filter((i) => i.kind === "empty").map((i) => i.frame);
    expect(empty).toEqual(malformed);
    if (name === "enrp-takeover") expect(empty).toEqual([671, 677, 696, 701]);
  });
});

describe("our encoder read by tshark", () => {
  const cases = encoderCases();
  const file = path.join(tmp, "encoded.pcap");
  writeFileSync(file, encoderCapture(cases));
  const { items, issues } = decodeCapture(new Uint8Array(readFileSync(file)));

  it("decodes back what it encoded, without errors", () => {
    expect(issues).toEqual([]);
    expect(items.map((i) => i.kind)).toEqual(cases.map((c) => c.protocol));
  });

  it("tshark reads every ASAP and ENRP field we wrote", () => {
    const n = compare(file, items, "asap") + compare(file, items, "enrp");
    expect(n).toBe(cases.filter((c) => c.protocol !== "csp").length);
  });

  it("tshark reads the CSP reports we wrote", () => {
    const names = cspFieldNames();
    const rows = tshark(file, "componentstatusprotocol", ["frame.number", ...names]);
    const ours = byFrame(items);
    expect(rows.length).toBe(cases.filter((c) => c.protocol === "csp").length);
    for (const [frame, ...theirs] of rows)
      expect(ourCspFields(ours.get(Number(frame)) ?? [])).toEqual(theirs);
  });
});
