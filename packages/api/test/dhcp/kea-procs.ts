/** Starting and stopping Debian's Kea daemons for integration tests (loopback, temp folders). */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export const KEA_HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Polls `fn` every 100 ms until it gives a value; bounded, and says what it waited for. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, tries = 100): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Processes started by a test, stopped (SIGTERM, then awaited) by `stopAll`. */
export class Procs {
  private readonly list: ChildProcess[] = [];

  spawn(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
    const p = spawn(cmd, args, { env, stdio: "ignore" });
    this.list.push(p);
    return p;
  }

  /** The process ended before it should have: say so rather than wait for a timeout. */
  alive(p: ChildProcess, name: string): void {
    if (p.exitCode !== null || p.signalCode !== null)
      throw new Error(`${name} exited (${p.exitCode ?? p.signalCode}); see its log`);
  }

  async stopAll(): Promise<void> {
    const running = this.list.filter((p) => p.exitCode === null && p.signalCode === null);
    for (const p of running) p.kill("SIGTERM");
    await Promise.all(running.map((p) => new Promise((r) => p.once("exit", r))));
  }
}

/** A Kea Control Agent command (the agent wraps each answer in an array). */
export async function caCommand(
  url: string,
  service: string,
  command: string,
  args?: Record<string, unknown>,
): Promise<{ result: number; text?: string; arguments?: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ command, service: [service], ...(args && { arguments: args }) }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as { result: number; text?: string; arguments?: Record<string, unknown> }[];
  const first = body[0];
  if (!first) throw new Error(`${command}: empty answer`);
  return first;
}

export const hasFile = (p: string) => existsSync(p);
