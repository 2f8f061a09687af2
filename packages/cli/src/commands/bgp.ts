import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  decodeBgpMessage,
  decodeBmpMessage,
  decodeNotificationBody,
  describeNotification,
  fromHex,
  LOG_FORMATS,
  type LogFormat,
  parseLogLine,
} from "@netops/protocols/bgp";
import { Failure, type Io, UsageError } from "../io";

export const BGP_HELP = `netops bgp decode HEX [--json]
   (a whole BGP message — NOTIFICATION decoded, others by header — or a BMP message; spaces and colons allowed)
netops bgp parse-log FILE [--format bird|frr|openbgpd|gobgp|junos|iosxr|auto]
   (one JSON object per BGP event line; lines that look like BGP events but do not parse are printed as "unparsed")`;

function decode(hexArg: string, json: boolean, io: Io): void {
  const bytes = fromHex(hexArg.replace(/[\s:]/g, ""));
  if (!bytes) throw new UsageError("HEX: expected an even number of hex digits");
  if (bytes.length === 0) throw new UsageError("HEX: empty");
  if (bytes[0] === 0xff) {
    const m = decodeBgpMessage(bytes, { extendedMessages: true });
    if (!m.ok) throw new Failure(`not a BGP message: ${m.error.message} (offset ${m.error.offset ?? 0})`);
    const { header, body } = m.value;
    if (header.type !== 3) {
      const out = { kind: "bgp", type: header.type, length: header.length };
      io.out(
        json
          ? `${JSON.stringify(out, null, 2)}\n`
          : `BGP message type ${header.type}, ${header.length} octets\n`,
      );
      return;
    }
    const n = decodeNotificationBody(body);
    if (!n.ok) throw new Failure(`NOTIFICATION: ${n.error.message}`);
    io.out(
      json
        ? `${JSON.stringify({ kind: "notification", length: header.length, notification: n.value }, null, 2)}\n`
        : `${describeNotification(n.value)}\n`,
    );
    return;
  }
  if (bytes[0] === 3) {
    const m = decodeBmpMessage(bytes);
    if (!m.ok) throw new Failure(`not a BMP message: ${m.error.message} (offset ${m.error.offset ?? 0})`);
    const b = m.value;
    if (json) {
      io.out(`${JSON.stringify({ kind: "bmp", message: b }, null, 2)}\n`);
      return;
    }
    let line = `BMP ${b.typeName}`;
    if (b.kind === "peer-down") {
      line += ` peer ${b.peer.address} AS${b.peer.asn}: ${b.reasonName ?? `reason ${b.reason}`}`;
      if (b.notification) line += `; ${describeNotification(b.notification)}`;
    } else if (b.kind === "peer-up") line += ` peer ${b.peer.address} AS${b.peer.asn}`;
    else if (b.kind === "initiation") line += ` ${b.sysName ?? ""} ${b.sysDescr ?? ""}`.trimEnd();
    io.out(`${line}\n`);
    return;
  }
  throw new Failure(
    `first octet 0x${bytes[0]?.toString(16).padStart(2, "0")}: neither a BGP marker (ff) nor BMP version 3`,
  );
}

async function parseLogFile(file: string, format: LogFormat | "auto", io: Io): Promise<void> {
  const stream = createReadStream(file, { encoding: "utf8" });
  const done = new Promise<void>((resolve, reject) => {
    stream.once("error", (e) => reject(new Failure(`${file}: ${(e as Error).message}`)));
    stream.once("close", () => resolve());
  });
  // A read error also ends the loop below, which reports it; without this the second copy of the
  // error (this promise) would be an unhandled rejection.
  done.catch(() => undefined);
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      const r = parseLogLine(line, { format });
      if (r === undefined) continue;
      r.lineNumber = n;
      io.out(`${JSON.stringify({ file, ...r })}\n`);
    }
  } catch (e) {
    if (e instanceof Failure) throw e;
    throw new Failure(`${file}: ${(e as Error).message}`);
  }
  await done;
}

export async function bgpCommand(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: "boolean" }, format: { type: "string" } },
  });
  if (sub === "decode") {
    if (positionals.length === 0) throw new UsageError("decode: give the message as HEX");
    decode(positionals.join(""), values.json ?? false, io);
    return;
  }
  if (sub === "parse-log") {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("parse-log: give exactly one FILE");
    const format = values.format ?? "auto";
    if (format !== "auto" && !(LOG_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format: one of ${[...LOG_FORMATS, "auto"].join(", ")}`);
    await parseLogFile(file, format as LogFormat | "auto", io);
    return;
  }
  throw new UsageError(`bgp: unknown subcommand ${sub ?? "(none)"}; use decode or parse-log`);
}
