import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { EppDecodeError, XmlError, decodeEpp, resultCodeInfo, type EppFrame } from "@netops/protocols/epp";
import { repoRoot } from "../context";
import { Failure, type Io, UsageError } from "../io";

export const EPP_HELP = `netops epp decode FILE.xml
   (an EPP document as its typed object, JSON; result codes with their RFC 5730 meaning)
netops epp validate FILE.xml
   (safe XML — no DTD, no entities, size/depth limits —, EPP structure, then the official XSDs
    with xmllint (Debian libxml2-utils); exit 1 when invalid)`;

const ALL_XSD = path.join(repoRoot, "packages/protocols/src/epp/xsd/all.xsd");

/**
 * Schema validation by xmllint. Only documents our own parser accepted get here, so xmllint never
 * sees a DTD or an entity; --nonet keeps it from fetching anything.
 */
function validateSchema(file: string): void {
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", ALL_XSD, file], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (r.error) throw new Failure(`cannot run xmllint (install Debian's libxml2-utils): ${r.error.message}`);
  if (r.status !== 0) {
    const lines = (r.stderr || r.stdout).split("\n").filter((l) => l && !l.endsWith(" fails to validate"));
    throw new Failure(`not valid against the EPP schemas:\n  ${lines.slice(0, 20).join("\n  ")}`);
  }
}

const MAX_FILE = 1 << 20;

function load(file: string | undefined): EppFrame {
  if (!file) throw new UsageError("FILE.xml is required");
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Failure(`${file}: ${(e as Error).message}`);
  }
  if (bytes.length > MAX_FILE)
    throw new Failure(`${file}: ${bytes.length} bytes; EPP documents are limited to ${MAX_FILE}`);
  try {
    return decodeEpp(bytes);
  } catch (e) {
    if (e instanceof XmlError) throw new Failure(`${file}:${e.line}:${e.column}: ${e.code}: ${e.reason}`);
    if (e instanceof EppDecodeError)
      throw new Failure(`${file}:${e.line}:${e.column}: ${e.path}: ${e.reason}`);
    throw e;
  }
}

export async function eppCommand(args: string[], io: Io): Promise<number | undefined> {
  const [sub, file, ...rest] = args;
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
  if (sub === "decode") {
    const frame = load(file);
    const codes =
      frame.type === "response" ? frame.response.results.map((r) => resultCodeInfo(r.code)) : undefined;
    io.out(`${JSON.stringify(codes ? { ...frame, resultCodes: codes } : frame, null, 2)}\n`);
    return undefined;
  }
  if (sub === "validate") {
    const frame = load(file);
    validateSchema(file as string);
    const what = frame.type === "command" ? `command ${frame.command.cmd}` : frame.type;
    io.out(`${file}: valid EPP ${what} (structure and XSD)\n`);
    return undefined;
  }
  throw new UsageError(`netops epp: expected decode or validate, got ${sub ?? "nothing"}`);
}
