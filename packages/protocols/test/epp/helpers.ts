import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

// The seeded PRNG is one helper for the tests of all areas (../prng.ts).
export { prng as rng } from "../prng";

export const VECTORS = join(import.meta.dirname, "vectors");
/** The official XSDs ship with the product (the CLI validates with them); all.xsd wraps them. */
export const ALL_XSD = join(import.meta.dirname, "../../src/epp/xsd/all.xsd");

/** Every .xml sample under vectors/, as paths relative to it, sorted. */
export function sampleFiles(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith(".xml") ? [relative(VECTORS, p)] : [];
    });
  return walk(VECTORS).sort();
}

export function hasXmllint(): boolean {
  return spawnSync("xmllint", ["--version"]).status === 0;
}

/**
 * Validates documents with `xmllint --schema` against the official XSDs (through src/epp/xsd/all.xsd),
 * one xmllint run for the whole batch. Returns name → null when valid, or xmllint's complaints.
 */
export function validateWithXmllint(
  docs: Record<string, string>,
  paths: string[] = [],
): Record<string, string | null> {
  const dir = mkdtempSync(join(tmpdir(), "epp-xsd-"));
  try {
    const files: [string, string][] = Object.entries(docs).map(([name, xml], i) => {
      const file = join(dir, `${i}.xml`);
      writeFileSync(file, xml);
      return [name, file];
    });
    for (const p of paths) files.push([p, join(VECTORS, p)]);
    const r = spawnSync("xmllint", ["--noout", "--schema", ALL_XSD, ...files.map(([, f]) => f)], {
      encoding: "utf8",
    });
    const out: Record<string, string | null> = {};
    for (const [name, file] of files) {
      const lines = r.stderr.split("\n").filter((l) => l.startsWith(`${file}:`) || l.startsWith(`${file} `));
      out[name] = lines.includes(`${file} validates`) ? null : lines.join("\n") || "no verdict from xmllint";
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function xmllintVersion(): string {
  return (
    execFileSync("xmllint", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).split(
      "\n",
    )[0] ?? ""
  );
}

/** Samples that our decoder rejects on purpose, with the reason it must give. */
export const REJECTED_SAMPLES: Record<string, RegExp> = {
  // nomulus: text where a command verb belongs (nomulus answers 2001).
  "nomulus/session/generic_syntax_exception.xml": /text is not allowed directly inside <command>/,
  // nomulus: <poll op="ack"/> without msgID (nomulus answers 2003 "Required parameter missing").
  "nomulus/poll/poll_ack_missing_id.xml": /poll ack requires a msgID/,
};
