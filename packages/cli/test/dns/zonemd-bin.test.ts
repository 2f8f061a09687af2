/**
 * `netops zonemd verify` as a user runs it (bin/netops.js: the bundled command, and a second
 * parsing thread for large files, here forced on small ones with NETOPS_ZONEMD_SPLIT_BYTES).
 */
import { execFile } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../run-cli";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/netops.js");

function netops(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, NETOPS_ZONEMD_SPLIT_BYTES: "1" }, maxBuffer: 1 << 24 },
      (e, out, err) => resolve({ code: e ? Number(e.code) : 0, out, err }),
    );
  });
}

/** ~3.4 MB: the guess is taken after the first megabyte, the second thread starts at the middle. */
function zoneText(ttlChangeAt: number | null): string {
  const lines = [
    "$ORIGIN split.example.",
    "$TTL 3600",
    "@ SOA ns hostmaster 7 7200 3600 1209600 3600",
    "@ NS ns",
  ];
  for (let i = 0; i < 60_000; i++) {
    if (i === ttlChangeAt) lines.push("$TTL 60");
    lines.push(`h${i} A 192.0.2.${i % 250}`, `h${i} TXT "record ${i} ${"x".repeat(i % 20)}"`);
  }
  return `${lines.join("\n")}\n`;
}

describe("netops zonemd verify (bin/netops.js, two threads)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-cli-zonemd-bin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function signed(name: string, text: string): Promise<string> {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const d = await runCli(["zonemd", "digest", file, "--hash", "sha384"]);
    expect(d.code).toBe(0);
    appendFileSync(file, d.out);
    return file;
  }

  it("verifies with the second half parsed by the worker", async () => {
    const file = await signed("split.zone", zoneText(null));
    const r = await netops(["zonemd", "verify", file, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      status: "verified",
      parseThreads: 2,
      counts: { digested: 120_002 },
    });
  });

  it("drops the worker's work when the state at its line differs ($TTL changed after the guess)", async () => {
    // Record 25,000 (~1.4 MB in) lies past the first megabyte and before the middle of the file.
    const file = await signed("ttl.zone", zoneText(25_000));
    const r = await netops(["zonemd", "verify", file, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: "verified", parseThreads: 1 });
  });

  it("reports errors of the second half at their line in the file", async () => {
    const file = path.join(dir, "bad.zone");
    const text = zoneText(null);
    writeFileSync(file, `${text}bad A 192.0.2.300\n`);
    const line = text.split("\n").length;
    const r = await netops(["zonemd", "verify", file, "--json"]);
    expect(r.code).toBe(2);
    const v = JSON.parse(r.out);
    expect(v.parseThreads).toBe(2);
    expect(v.errors).toEqual([expect.objectContaining({ line, column: 7 })]);
  });
});
