/**
 * A folder on the way to a lease file swapped for a symlink to outside between the check
 * (realpath) and the open: the descriptor is checked for what it really names, so the file
 * outside is not read.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("node:fs/promises", async (importOriginal) => {
  const m = await importOriginal<typeof import("node:fs/promises")>();
  return { ...m, realpath: vi.fn(m.realpath) };
});
// Test files share a worker's modules (isolate: false): an earlier file may have loaded lease-files
// with the real fs/promises, so it is loaded afresh here, under the mock.
vi.resetModules();
const { openLeaseFile } = await import("../../src/features/dhcp/lease-files");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "netops-lease-race-"));
});
afterEach(() => {
  vi.mocked(fsp.realpath).mockReset();
  rmSync(dir, { recursive: true, force: true });
});

describe("openLeaseFile", () => {
  it("refuses a file reached through a folder swapped for a symlink after the realpath check", async () => {
    const leases = path.join(dir, "leases");
    const outside = path.join(dir, "outside");
    mkdirSync(path.join(leases, "site"), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(leases, "site", "kea.csv"), "address,hwaddr\n");
    writeFileSync(path.join(outside, "kea.csv"), "root:secret\n");
    const location = path.join(leases, "site", "kea.csv");
    const { realpath } = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
    vi.mocked(fsp.realpath).mockImplementation((async (p: string) => {
      const real = await realpath(p);
      if (p === location) {
        // The swap lands right after the check resolved the path.
        renameSync(path.join(leases, "site"), path.join(dir, "site.old"));
        symlinkSync(outside, path.join(leases, "site"));
      }
      return real;
    }) as typeof fsp.realpath);
    await expect(
      openLeaseFile(location, { leaseDirs: [leases], maxLeaseFileBytes: 1 << 20 }),
    ).rejects.toThrow(`${location} is outside the lease-file folders (dhcp.leaseDirs: ${leases})`);
  });

  it("opens the file when nothing is swapped", async () => {
    const leases = path.join(dir, "leases");
    mkdirSync(leases);
    writeFileSync(path.join(leases, "kea.csv"), "address,hwaddr\n");
    const opened = await openLeaseFile(path.join(leases, "kea.csv"), {
      leaseDirs: [leases],
      maxLeaseFileBytes: 1 << 20,
    });
    try {
      expect(opened.st.size).toBe(15);
      expect(opened.real).toBe(path.join(await fsp.realpath(leases), "kea.csv"));
    } finally {
      await opened.fh.close();
    }
  });
});
