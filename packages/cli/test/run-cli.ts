/** Runs the netops CLI in-process, as its tests do, and captures what a shell would see. */
import type { Io } from "../src/io";
import { main } from "../src/main";

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export interface CliOptions {
  /** The environment the command sees (not the test's own: config and database come only from here). */
  env?: Io["env"];
  /** What the command reads from standard input (e.g. for --password-stdin). */
  stdin?: string;
}

/** `netops ARGS…`: the exit code, and standard output and error as text. */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = opts.stdin ?? "";
  const code = await main(args, {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
    stdin: async () => stdin,
    env: opts.env ?? {},
  });
  return { code, out: out.join(""), err: err.join("") };
}
