// Follows router log files like `tail -F`: survives rotation (rename + new file: the old one is read
// to its end first) and truncation (copytruncate: start again at 0). Reads from the start of the file
// at startup; the natural key makes re-reading harmless. Reads are chunked and lines are bounded
// (services/file-lines.ts, the same reader as the DHCP lease files).
import { type FileHandle, open, stat } from "node:fs/promises";
import { readLines } from "../../../services/file-lines";
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
  /** The offset after the last complete line read (a line being written is read once complete). */
  pos: number;
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
    missingLogged: false,
  }));

  const emit = async (t: Tail, text: string) => {
    const now = new Date();
    for (const raw of text.split("\n")) {
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line) ingestLogLine(services, queue, line, t.src.router, "file", now);
    }
    if (queue.full) await queue.drain();
  };

  /** Reads the complete lines after `pos`; with `final` (a rotated file) its unfinished last line too. */
  const readToEnd = async (t: Tail, final = false) => {
    if (!t.fh) return;
    // Bounded per poll so one huge file cannot starve the others; the next poll continues.
    const r = await readLines(t.fh, t.pos, null, (text) => emit(t, text), {
      chunkBytes: CHUNK,
      maxChunks: final ? Number.POSITIVE_INFINITY : 256,
      maxLineBytes: MAX_LINE,
      onLongLine: (length) =>
        log.warn({ file: t.src.path, length }, `log line longer than ${MAX_LINE} bytes cut`),
    });
    t.pos = r.consumed;
    // A cut character at a rotated file's end becomes U+FFFD instead of leaking into the new file.
    if (final && r.rest.length > 0) await emit(t, new TextDecoder().decode(r.rest));
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
      await readToEnd(t, true);
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
