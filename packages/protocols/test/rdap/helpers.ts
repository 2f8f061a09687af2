import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const TESTDATA = path.join(import.meta.dirname, "testdata");
export const read = (rel: string): string => readFileSync(path.join(TESTDATA, rel), "utf8");
export const readJson = (rel: string): unknown => JSON.parse(read(rel));

export function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** Every numeric error code in ICANN's JSON Schemas (errorCode, unknownKeys, …). */
export function icannCodes(): Set<string> {
  const codes = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object")
      for (const x of Object.values(v)) {
        if (typeof x === "number" && x <= -10000) codes.add(String(x));
        visit(x);
      }
  };
  for (const f of walk(path.join(TESTDATA, "json-schema-icann"))) visit(JSON.parse(readFileSync(f, "utf8")));
  return codes;
}
