import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DhcpLease, IncrementalParser, LeaseParseError } from "../../src/dhcp";
import { prng } from "../prng";

// The seeded PRNG is one helper for the tests of all areas (../prng.ts).
export { prng };

const VECTORS = fileURLToPath(new URL("./vectors/", import.meta.url));

/** Reads a copied test vector (never /work/shared: see vectors/README.md). */
export function vector(path: string): string {
  return readFileSync(VECTORS + path, "utf8");
}

/** Splits text into random-sized chunks (1..maxSize) so tests cross every boundary case. */
export function chunks(text: string, seed: number, maxSize = 17): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rnd() * maxSize);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

export function feed<I>(parser: IncrementalParser<I>, parts: Iterable<string>): I[] {
  const out: I[] = [];
  for (const p of parts) for (const i of parser.push(p)) out.push(i);
  for (const i of parser.end()) out.push(i);
  return out;
}

type Item = { kind: string };
export function leasesOf(items: readonly Item[]): DhcpLease[] {
  return items.flatMap((i) => (i.kind === "lease" ? [(i as unknown as { lease: DhcpLease }).lease] : []));
}
export function errorsOf(items: readonly Item[]): LeaseParseError[] {
  return items.filter((i): i is LeaseParseError => i.kind === "error");
}

/** "YYYY/MM/DD HH:MM:SS" UTC → epoch seconds, for writing expectations straight from file text. */
export function utc(text: string): number {
  const [d, t] = text.split(" ") as [string, string];
  const [y, mo, day] = d.split("/").map(Number) as [number, number, number];
  const [h, mi, s] = t.split(":").map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, day, h, mi, s) / 1000;
}
