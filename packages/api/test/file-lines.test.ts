/** The one file-line reader (services/file-lines.ts) behind the DHCP lease files and BGP log files. */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLines } from "../src/services/file-lines";

const dir = mkdtempSync(path.join(os.tmpdir(), "file-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(file: string, start: number, opts: Parameters<typeof readLines>[4] = {}) {
  const fh = await open(file, "r");
  try {
    const texts: string[] = [];
    const r = await readLines(fh, start, null, (t) => void texts.push(t), opts);
    return { text: texts.join(""), ...r };
  } finally {
    await fh.close();
  }
}

describe("readLines", () => {
  it("keeps a character split by a read boundary whole, and leaves an unfinished line for later", async () => {
    const f = path.join(dir, "a.log");
    // "é" is two bytes; with 3-byte reads it is split at every boundary position.
    writeFileSync(f, "aé\nbéé\nunfinish");
    const first = await read(f, 0, { chunkBytes: 3 });
    expect(first.text).toBe("aé\nbéé\n");
    expect(first.consumed).toBe(Buffer.byteLength("aé\nbéé\n"));
    expect(Buffer.from(first.rest).toString()).toBe("unfinish");
    appendFileSync(f, "ed\nnext\n");
    const second = await read(f, first.consumed, { chunkBytes: 3 });
    expect(second.text).toBe("unfinished\nnext\n");
    expect(second.rest.length).toBe(0);
  });

  it("cuts a line longer than the bound, says so, and reads on", async () => {
    const f = path.join(dir, "b.log");
    writeFileSync(f, `${"x".repeat(10)}\nshort\n`);
    const long: number[] = [];
    const r = await read(f, 0, { chunkBytes: 4, maxLineBytes: 6, onLongLine: (n) => long.push(n) });
    expect(r.text.split("\n")).toEqual(["xxxxxx", "xxxx", "short", ""]);
    expect(long.length).toBeGreaterThan(0);
    expect(r.consumed).toBe(17);
  });

  it("stops after maxChunks reads and continues from the offset it returned", async () => {
    const f = path.join(dir, "c.log");
    writeFileSync(f, "1\n2\n3\n4\n");
    const a = await read(f, 0, { chunkBytes: 2, maxChunks: 2 });
    expect(a.text).toBe("1\n2\n");
    const b = await read(f, a.consumed, { chunkBytes: 2 });
    expect(b.text).toBe("3\n4\n");
  });
});
