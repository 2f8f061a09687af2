// The CLI builds its services through the server's composition root: every subsystem's options
// come from the same configuration (it used to drop the BGP, DNS, RDAP and registry ones).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withServices } from "../src/context";
import type { Io } from "../src/io";

const dir = mkdtempSync(path.join(tmpdir(), "netops-cli-ctx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = (env: Record<string, string>): Io => ({
  out: () => {},
  err: () => {},
  stdin: async () => "",
  env: { DATABASE_URL: `file:${path.join(dir, "cli.db")}`, ...env },
});

describe("CLI services", () => {
  it("take the RDAP options from netops.yaml, as the server's do", async () => {
    const file = path.join(dir, "netops.yaml");
    writeFileSync(file, "rdap:\n  enabled: false\n");
    const enabled = await withServices(io({ NETOPS_CONFIG: file }), async (s) => s.rdap.enabled);
    expect(enabled).toBe(false);
  });

  it("register every module's health probe (none is 'Not built yet')", async () => {
    const tiles = await withServices(io({ NETOPS_CONFIG: "" }), (s) => s.health.overview());
    expect(tiles.map((t) => t.summary)).not.toContain("Not built yet");
  });
});
