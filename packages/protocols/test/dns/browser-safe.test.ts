import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { bytesToLatin1 } from "../../src/dns/index";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/dns");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(path.join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [path.join(dir, e.name)]
        : [],
  );
}

describe("@netops/protocols/dns without Node built-ins", () => {
  const realBuffer = globalThis.Buffer;
  afterEach(() => {
    globalThis.Buffer = realBuffer;
  });

  it("imports node: modules only in the node-condition hasher (and TSIG's HMAC, still to move)", () => {
    const users = tsFiles(SRC)
      .filter((f) =>
        /from "node:|import\("node:/.test(
          readFileSync(f, "utf8").replace(/typeof import\("node:[^"]+"\)/g, ""),
        ),
      )
      .map((f) => path.relative(SRC, f))
      .sort();
    expect(users).toEqual(["tsig.ts", "zonemd-hash.node.ts"]);
  });

  it("decodes bytes one char per octet without Buffer too", () => {
    const all = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) & 255);
    const withBuffer = bytesToLatin1(all);
    // @ts-expect-error: a browser has no Buffer.
    globalThis.Buffer = undefined;
    const without = bytesToLatin1(all);
    expect(without).toBe(withBuffer);
    expect([...without.slice(0, 40)].map((c) => c.charCodeAt(0))).toEqual([...all.subarray(0, 40)]);
  });
});
