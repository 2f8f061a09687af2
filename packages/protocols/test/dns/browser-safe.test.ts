import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { bytesToLatin1, parseTsigSpec, signQuery } from "../../src/dns/index";
import { tsigHmac as browserHmac } from "../../src/dns/tsig-hmac.default";
import { tsigHmac as nodeHmac } from "../../src/dns/tsig-hmac.node";

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

  it("imports node: modules only in the node-condition hasher and HMAC", () => {
    const users = tsFiles(SRC)
      .filter((f) =>
        /from "node:|import\("node:/.test(
          readFileSync(f, "utf8").replace(/typeof import\("node:[^"]+"\)/g, ""),
        ),
      )
      .map((f) => path.relative(SRC, f))
      .sort();
    expect(users).toEqual(["tsig-hmac.node.ts", "zonemd-hash.node.ts"]);
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

  it("TSIG signs with node:crypto under Node and fails clearly in a browser build", () => {
    const key = parseTsigSpec("xfr-key:hmac-sha256:c2VjcmV0");
    expect(signQuery(new Uint8Array(12), key, 1_700_000_000).mac).toHaveLength(32);
    // RFC 4231 test case 2: HMAC-SHA-256, key "Jefe".
    const mac = nodeHmac.mac(
      "sha256",
      new TextEncoder().encode("Jefe"),
      new TextEncoder().encode("what do ya want for nothing?"),
    );
    expect(Buffer.from(mac).toString("hex")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    expect(() => browserHmac.mac("sha256", mac, mac)).toThrow("TSIG is not available in the browser");
  });
});
