/**
 * Reads a zone file for `netops zonemd` into a WireZone (records in wire form in large buffers,
 * no object per record). Large files are parsed on two threads: the second half in a worker,
 * starting at a line that names its owner, from the state (origin, $TTL, last TTL and class)
 * the first megabyte ends in. When the main thread reaches that line in another state (say a
 * $ORIGIN in between, or the line sits inside parentheses) the worker's work is dropped and
 * the main thread parses on: the result never depends on the guess, only the time does.
 */
import {
  closeSync,
  createReadStream,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  bytesToLatin1,
  type IncludeResolver,
  type ParserSnapshot,
  WireZone,
  type WireZoneParts,
  ZoneParseError,
  ZoneParser,
} from "@netops/protocols/dns";

const MAX_INCLUDE_BYTES = 64 * 1024 * 1024;
/** Files from this size get a second thread (below it the thread's start-up costs more than it saves). */
const SPLIT_BYTES = Number(process.env.NETOPS_ZONEMD_SPLIT_BYTES) || 16 * 1024 * 1024;
const CHUNK = 1 << 20;
const ROLE = "netops-zonemd-parse";

/** $INCLUDE only from the file's own folder. */
function includeResolver(file: string): IncludeResolver {
  const dir = realpathSync(path.dirname(path.resolve(file)));
  return (req) => {
    const real = realpathSync(path.resolve(dir, req.path));
    if (path.relative(dir, real).startsWith("..")) throw new Error(`$INCLUDE ${req.path} is outside ${dir}`);
    if (statSync(real).size > MAX_INCLUDE_BYTES) throw new Error(`$INCLUDE ${req.path} is too large`);
    return { id: real, name: req.path, content: readFileSync(real, "latin1") };
  };
}

async function parseRange(parser: ZoneParser, file: string, start: number, end: number): Promise<void> {
  if (end <= start) return;
  for await (const chunk of createReadStream(file, { start, end: end - 1, highWaterMark: CHUNK })) {
    parser.push(bytesToLatin1(chunk as Buffer));
  }
}

export interface ReadZone {
  zone: WireZone;
  errors: ZoneParseError[];
  /** Threads that parsed (2 when the second half came from the worker). */
  threads: number;
}

export async function readZone(file: string, origin: string | undefined): Promise<ReadZone> {
  const size = statSync(file).size;
  const zone = new WireZone();
  const parser = new ZoneParser({
    file,
    latin1: true,
    include: includeResolver(file),
    sink: zone,
    ...(origin && { origin }),
  });
  const split = size >= SPLIT_BYTES && canUseWorker() ? lineStartAfter(file, Math.floor(size / 2), true) : -1;
  // The guess is taken at a line boundary within the first megabyte.
  const head = split > 0 ? Math.min(split, lineStartAfter(file, Math.min(CHUNK, split), false)) : -1;
  if (head > 0) await parseRange(parser, file, 0, head);
  const guess = head > 0 ? parser.snapshot() : null;
  if (guess === null || guess.origin === null) {
    await parseRange(parser, file, Math.max(head, 0), size);
    parser.end();
    return { zone, errors: parser.errors, threads: 1 };
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { role: ROLE, file, start: split, end: size, resume: guess } satisfies WorkerJob,
  });
  const done = new Promise<WorkerResult>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`zone parser thread exited (${code})`)));
  });
  done.catch(() => {});
  await parseRange(parser, file, head, split);
  const at = parser.snapshot();
  let second: WorkerResult | null = null;
  if (at !== null && sameState(at, guess)) {
    try {
      second = await done;
    } catch {
      second = null;
    }
  }
  await worker.terminate();
  if (second === null || second.line !== at?.line) {
    await parseRange(parser, file, split, size);
    parser.end();
    return { zone, errors: parser.errors, threads: 1 };
  }
  parser.end();
  zone.append(second.parts);
  const errors = [
    ...parser.errors,
    ...second.errors.map((e) => new ZoneParseError(e.code, e.reason, e.file, e.line, e.column)),
  ];
  return { zone, errors, threads: 2 };
}

/** A worker runs this module's bundle (bin/bundled.js); through tsx's loader it cannot, nor on one CPU. */
function canUseWorker(): boolean {
  return !import.meta.url.endsWith(".ts") && availableParallelism() > 1;
}

/**
 * Start of the first line after offset `from` (with `owner`: one that begins with an owner
 * name, not blank, a comment, a directive, a parenthesis or a quote); -1 if none is near.
 */
function lineStartAfter(file: string, from: number, owner: boolean): number {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(256 * 1024);
    const n = readSync(fd, buf, 0, buf.length, from);
    for (let i = buf.indexOf(10); i >= 0 && i + 1 < n; i = buf.indexOf(10, i + 1)) {
      const c = buf[i + 1]!;
      if (!owner || (c > 32 && c !== 59 && c !== 36 && c !== 40 && c !== 41 && c !== 34)) return from + i + 1;
    }
    return -1;
  } finally {
    closeSync(fd);
  }
}

function sameState(a: ParserSnapshot, b: ParserSnapshot): boolean {
  const ao = a.origin;
  const bo = b.origin;
  const sameOrigin =
    ao === bo || (ao !== null && bo !== null && ao.length === bo.length && ao.every((x, i) => x === bo[i]));
  return sameOrigin && a.dollarTtl === b.dollarTtl && a.lastTtl === b.lastTtl && a.lastClass === b.lastClass;
}

interface WorkerJob {
  role: typeof ROLE;
  file: string;
  start: number;
  end: number;
  resume: ParserSnapshot;
}

interface WorkerResult {
  /** Lines before `start` (the worker counts them itself, so the main thread need not wait). */
  line: number;
  parts: WireZoneParts;
  errors: { code: ZoneParseError["code"]; reason: string; file: string; line: number; column: number }[];
}

/** Newlines in the first `end` octets of the file. */
function countLines(file: string, end: number): number {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(CHUNK);
    let lines = 0;
    for (let pos = 0; pos < end; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n <= 0) break;
      const view = n === buf.length ? buf : buf.subarray(0, n);
      for (let i = view.indexOf(10); i >= 0; i = view.indexOf(10, i + 1)) lines++;
      pos += n;
    }
    return lines;
  } finally {
    closeSync(fd);
  }
}

async function parseSecondHalf(job: WorkerJob): Promise<void> {
  const line = countLines(job.file, job.start);
  const zone = new WireZone();
  const parser = new ZoneParser({
    file: job.file,
    latin1: true,
    include: includeResolver(job.file),
    sink: zone,
    resume: { ...job.resume, line },
  });
  await parseRange(parser, job.file, job.start, job.end);
  parser.end();
  const parts = zone.toParts();
  const result: WorkerResult = {
    line,
    parts,
    errors: parser.errors.map((e) => ({
      code: e.code,
      reason: e.reason,
      file: e.file,
      line: e.line,
      column: e.column,
    })),
  };
  parentPort!.postMessage(result, [
    ...parts.slabs,
    parts.refs.buffer as ArrayBuffer,
    parts.ownerLens.buffer as ArrayBuffer,
    parts.lines.buffer as ArrayBuffer,
  ]);
}

// This module is also the worker's entry point (the bundle is one file).
if (!isMainThread && (workerData as WorkerJob | null)?.role === ROLE)
  void parseSecondHalf(workerData as WorkerJob);
