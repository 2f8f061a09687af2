// Follows router log files like `tail -F`: survives rotation (rename + new file: the old one is read
// to its end first) and truncation (copytruncate: start again at 0). Reads from the start of the file
// at startup; the natural key makes re-reading harmless. Reads are chunked and lines are bounded.
import { type FileHandle, open, stat } from "node:fs/promises";
import type { Services } from "../../../services";
import type { LogFileSource } from "./config";
import { IngestQueue } from "./ingest-queue";
import { ingestLogLine } from "./log-lines";

const CHUNK = 64 * 1024;
const MAX_LINE = 64 * 1024;

export interface FileFollower {
  /** Reads whatever is new in every file now (the timer calls this too). */
  poll(): Promise<void>;
  settled(): Promise<void>;
  close(): Promise<void>;
}

interface Tail {
  src: LogFileSource;
  fh: FileHandle | null;
  ino: number;
  pos: number;
  partial: string;
  /** Per file: a streaming decoder holds the start of a character cut at a read boundary. */
  decoder: InstanceType<typeof TextDecoder>;
  missingLogged: boolean;
}

export function startFileFollower(services: Services, files: LogFileSource[], pollMs: number): FileFollower {
  const log = services.logger.child({ collector: "file" });
  const queue = new IngestQueue(services, "file");
  const tails: Tail[] = files.map((src) => ({
    src,
    fh: null,
    ino: -1,
    pos: 0,
    partial: "",
    decoder: new TextDecoder("utf-8"),
    missingLogged: false,
  }));

  const emit = (t: Tail, text: string, final: boolean) => {
    const chunk = t.partial + text;
    const lines = chunk.split("\n");
    t.partial = final ? "" : (lines.pop() ?? "");
    if (t.partial.length > MAX_LINE) {
      log.warn(
        { file: t.src.path, length: t.partial.length },
        `log line longer than ${MAX_LINE} characters cut`,
      );
      lines.push(t.partial.slice(0, MAX_LINE));
      t.partial = "";
    }
    const now = new Date();
    for (const raw of lines) {
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line) ingestLogLine(services, queue, line, t.src.router, "file", now);
    }
  };

  const readToEnd = async (t: Tail) => {
    if (!t.fh) return;
    const buf = Buffer.alloc(CHUNK);
    // Bounded per poll so one huge file cannot starve the others; the next poll continues.
    for (let i = 0; i < 256; i++) {
      const { bytesRead } = await t.fh.read(buf, 0, CHUNK, t.pos);
      if (bytesRead === 0) break;
      t.pos += bytesRead;
      emit(t, t.decoder.decode(buf.subarray(0, bytesRead), { stream: true }), false);
      if (queue.full) await queue.drain();
    }
  };

  const pollOne = async (t: Tail) => {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(t.src.path);
    } catch {
      if (!t.missingLogged) log.warn({ file: t.src.path }, "log file not found (waiting for it)");
      t.missingLogged = true;
      await readToEnd(t);
      return;
    }
    t.missingLogged = false;
    if (t.fh && st.ino !== t.ino) {
      // Rotated: finish the old file, then switch.
      await readToEnd(t);
      // Flush: a cut character at the old file's end becomes U+FFFD instead of leaking into the new file.
      const tail = t.decoder.decode();
      if (t.partial || tail) emit(t, tail, true);
      await t.fh.close();
      t.fh = null;
      log.info({ file: t.src.path }, "log file rotated");
    }
    if (!t.fh) {
      t.fh = await open(t.src.path, "r");
      t.ino = st.ino;
      t.pos = 0;
    } else if (st.size < t.pos) {
      log.info({ file: t.src.path }, "log file truncated; reading from the start");
      t.pos = 0;
      t.partial = "";
      t.decoder = new TextDecoder("utf-8");
    }
    await readToEnd(t);
  };

  let busy: Promise<void> | null = null;
  const poll = () => {
    busy ??= (async () => {
      for (const t of tails) {
        try {
          await pollOne(t);
        } catch (err) {
          log.warn({ file: t.src.path, err: (err as Error).message }, "log file read failed");
        }
      }
    })().finally(() => {
      busy = null;
    });
    return busy;
  };
  const timer = setInterval(() => void poll(), pollMs);
  void poll();
  return {
    poll,
    settled: async () => {
      await busy;
      await queue.drain();
    },
    async close() {
      clearInterval(timer);
      await busy;
      for (const t of tails) await t.fh?.close();
      await queue.drain();
    },
  };
}
