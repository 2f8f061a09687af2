import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import {
  CaptureDecoder,
  decodeAsap,
  decodeCsp,
  decodeEnrp,
  describeCsp,
  describeMessage,
  fromHex,
  Handlespace,
  hex32,
  RserpoolDecodeError,
} from "@netops/protocols/rserpool";
import { Failure, type Io, UsageError } from "../io";

export const ENRP_HELP = `netops enrp decode HEX --protocol asap|enrp [--json]
   (one ASAP or ENRP message: type, flags, every parameter with its values)
netops enrp csp HEX [--json]
   (one rsplib Component Status Protocol report)
netops enrp import FILE [--json]
   (a pcap/pcapng of RSerPool traffic, SCTP or SCTP-in-UDP/9899: the rebuilt handlespace and its events)`;

function bytesOf(args: string[]): Uint8Array {
  if (args.length === 0) throw new UsageError("give the message as HEX");
  const bytes = fromHex(args.join("").replace(/[\s:]/g, ""));
  if (!bytes) throw new UsageError("HEX: expected an even number of hex digits");
  return bytes;
}

function decodeOrFail<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RserpoolDecodeError) throw new Failure(`not a valid ${what} message: ${e.message}`);
    throw e;
  }
}

async function importFile(file: string, json: boolean, io: Io): Promise<number> {
  const hs = new Handlespace();
  const dec = new CaptureDecoder((i) => hs.applyItem(i));
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
      dec.push(chunk as Uint8Array);
  } catch (e) {
    throw new Failure(`${file}: ${(e as Error).message}`);
  }
  const stats = dec.end();
  const issues = [...dec.pcap.issues, ...dec.frameIssues];
  const snap = hs.snapshot();
  if (json) {
    io.out(`${JSON.stringify({ file, stats, issues, ...snap }, null, 2)}\n`);
  } else {
    io.out(
      `${file}: ${stats.frames} frames, ${stats.asap} ASAP, ${stats.enrp} ENRP, ${stats.csp} CSP, ${stats.empty} empty payloads, ${stats.errors} decode errors, ${stats.retransmissions} retransmissions\n`,
    );
    io.out("registrars:\n");
    for (const r of snap.registrars) {
      const ck =
        r.announcedChecksum === undefined ? "-" : `0x${r.announcedChecksum.toString(16).padStart(4, "0")}`;
      const by = r.takenOverBy === undefined ? "" : ` by ${hex32(r.takenOverBy)}`;
      io.out(`  ${hex32(r.id)}  ${r.status}${by}  ${r.addresses.join(",")}  checksum ${ck}\n`);
    }
    io.out("pools:\n");
    for (const p of snap.pools) io.out(`  ${p.name}  ${p.policy ?? "-"}  ${p.pes.map(hex32).join(",")}\n`);
    io.out("pool elements:\n");
    for (const pe of snap.pes)
      io.out(
        `  ${hex32(pe.id)}  ${pe.pool}  home ${hex32(pe.homeRegistrar)}  ${pe.address ?? "-"}${pe.load === undefined ? "" : `  load ${pe.load.toFixed(2)}%`}\n`,
      );
    io.out("events:\n");
    const t0 = snap.events[0]?.timeMs ?? 0;
    for (const e of snap.events)
      io.out(
        `  +${((e.timeMs - t0) / 1000).toFixed(3)}s  ${e.frame === undefined ? "" : `frame ${e.frame}  `}${e.kind}  ${e.detail}\n`,
      );
  }
  for (const i of issues)
    io.err(`${file}: offset ${i.offset}${i.frame ? ` (frame ${i.frame})` : ""}: ${i.field}: ${i.reason}\n`);
  return issues.some((i) => i.fatal) ? 1 : 0;
}

export async function enrpCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: "boolean" }, protocol: { type: "string" } },
  });
  const json = values.json ?? false;
  if (sub === "decode") {
    const protocol = values.protocol;
    if (protocol !== "asap" && protocol !== "enrp") throw new UsageError("--protocol: asap or enrp");
    const bytes = bytesOf(positionals);
    const m = decodeOrFail(protocol.toUpperCase(), () =>
      protocol === "asap" ? decodeAsap(bytes) : decodeEnrp(bytes),
    );
    io.out(json ? `${JSON.stringify(m, null, 2)}\n` : `${describeMessage(m).join("\n")}\n`);
    return 0;
  }
  if (sub === "csp") {
    const bytes = bytesOf(positionals);
    const r = decodeOrFail("CSP", () => decodeCsp(bytes));
    io.out(json ? `${JSON.stringify(r, null, 2)}\n` : `${describeCsp(r).join("\n")}\n`);
    return 0;
  }
  if (sub === "import") {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("import: give exactly one FILE");
    return importFile(file, json, io);
  }
  throw new UsageError(`enrp: unknown subcommand ${sub ?? "(none)"}; use decode, csp or import`);
}
