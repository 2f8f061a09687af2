/** Output and exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}
export class Failure extends Error {}

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Reads all of standard input (for --password-stdin). */
  stdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

export const processIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  env: process.env,
};

/** Prints rows as an aligned table, or as JSON with --json. */
export function print(io: Io, json: boolean, data: unknown, rows?: string[][]): void {
  if (json || !rows) {
    io.out(`${JSON.stringify(data, null, json ? 2 : undefined)}\n`);
    return;
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  for (const r of rows)
    io.out(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ")}\n`);
}
