/** Starting and stopping Debian's Kea daemons for integration tests (loopback, temp folders). */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// Where Debian's kea-dhcp4-server, kea-dhcp6-server and kea-ctrl-agent packages install.
const SBIN = "/usr/sbin";
const KEA_HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks";
/** The hook every Kea started here loads: the console reads leases through it. */
const LEASE_CMDS = "libdhcp_lease_cmds.so";

/** Those of `paths` that this machine lacks. */
export const missingFiles = (...paths: string[]): string[] => paths.filter((p) => !existsSync(p));

/**
 * What a real-Kea test needs and this machine lacks: the daemon, the Control Agent, the lease_cmds
 * hook (always loaded by `startKea`), the test's own `hooks`, and other `tools` it runs.
 */
export function missingKeaParts(family: 4 | 6, o: { hooks?: string[]; tools?: string[] } = {}): string[] {
  return missingFiles(
    `${SBIN}/kea-dhcp${family}`,
    `${SBIN}/kea-ctrl-agent`,
    ...[LEASE_CMDS, ...(o.hooks ?? [])].map((h) => `${KEA_HOOKS}/${h}`),
    ...(o.tools ?? []),
  );
}

/** The end of a skipped test's name: why it cannot run here ("" when nothing is missing). */
export const missingNote = (missing: string[]): string =>
  missing.length > 0 ? ` — cannot run, missing: ${missing.join(", ")}` : "";

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

/** A running Kea server (+ Control Agent) of a test's own, in a temp folder. */
export interface KeaLab {
  /** The server's control socket (a kea-api source location without the agent). */
  sock: string;
  /** The memfile the server writes. */
  memfile: string;
  /** The Control Agent's URL on the host's loopback. */
  caUrl: string;
  /** One command through the Control Agent. */
  ca(command: string, args?: Record<string, unknown>): ReturnType<typeof caCommand>;
  /** Stops the Control Agent only (the server goes on answering on its socket). */
  stopAgent(): Promise<void>;
}

export interface KeaLabOptions {
  family: 4 | 6;
  /** Folder for configs, sockets, logs and the memfile (in the test's temp folder; made if need be). */
  dir: string;
  /** The server's own settings: interfaces-config, subnets, lifetimes… (the rest is added here). */
  server: Record<string, unknown>;
  /** Hook library file names in KEA_HOOKS; lease_cmds is always loaded (check with missingKeaParts). */
  hooks?: string[];
  /** Extra server arguments (e.g. -p/-P ports). */
  args?: string[];
  /** Runs the server through another command, e.g. ["ip", "netns", "exec", NS]: it must exec the daemon. */
  prefix?: string[];
}

/**
 * Starts kea-dhcp4/6 (memfile, control socket, lease_cmds hook, logs in `dir`) and a Control Agent
 * on 127.0.0.1 that reaches it through the socket, and waits until the agent answers. Both are
 * stopped by `procs.stopAll()`; a daemon that exits early fails the wait with its log's path.
 */
export async function startKea(procs: Procs, o: KeaLabOptions): Promise<KeaLab> {
  const daemon = `kea-dhcp${o.family}`;
  const service = `dhcp${o.family}`;
  const sock = path.join(o.dir, `${daemon}.sock`);
  const memfile = path.join(o.dir, `${daemon}-leases.csv`);
  const log = path.join(o.dir, `${daemon}.log`);
  const config = path.join(o.dir, `${daemon}.json`);
  const hooks = [LEASE_CMDS, ...(o.hooks ?? [])].map((h) => ({ library: `${KEA_HOOKS}/${h}` }));
  mkdirSync(o.dir, { recursive: true });
  writeFileSync(
    config,
    JSON.stringify({
      [`Dhcp${o.family}`]: {
        ...o.server,
        "control-socket": { "socket-type": "unix", "socket-name": sock },
        "lease-database": { type: "memfile", persist: true, name: memfile, "lfc-interval": 0 },
        "hooks-libraries": hooks,
        loggers: [{ name: daemon, output_options: [{ output: log }], severity: "INFO" }],
      },
    }),
  );
  const port = await freePort();
  const caUrl = `http://127.0.0.1:${port}/`;
  const caConfig = path.join(o.dir, "kea-ctrl-agent.json");
  writeFileSync(
    caConfig,
    JSON.stringify({
      "Control-agent": {
        "http-host": "127.0.0.1",
        "http-port": port,
        "control-sockets": { [service]: { "socket-type": "unix", "socket-name": sock } },
        loggers: [
          {
            name: "kea-ctrl-agent",
            output_options: [{ output: path.join(o.dir, "kea-ctrl-agent.log") }],
            severity: "INFO",
          },
        ],
      },
    }),
  );
  // Pid and lock files in the temp folder, not /run/kea.
  const env = { ...process.env, KEA_PIDFILE_DIR: o.dir, KEA_LOCKFILE_DIR: o.dir };
  const [cmd, ...pre] = [...(o.prefix ?? []), `${SBIN}/${daemon}`];
  const kea = procs.spawn(cmd!, [...pre, "-c", config, ...(o.args ?? [])], env);
  await until(`${daemon}'s control socket`, async () => {
    procs.alive(kea, `${daemon} (log ${log})`);
    return existsSync(sock) ? true : undefined;
  });
  const agent = procs.spawn(`${SBIN}/kea-ctrl-agent`, ["-c", caConfig], env);
  const ca = (command: string, args?: Record<string, unknown>) => caCommand(caUrl, service, command, args);
  await until("the Control Agent", async () => {
    procs.alive(agent, `kea-ctrl-agent (log ${path.join(o.dir, "kea-ctrl-agent.log")})`);
    return (await ca("version-get")).result === 0 ? true : undefined;
  });
  return {
    sock,
    memfile,
    caUrl,
    ca,
    async stopAgent() {
      if (agent.exitCode !== null || agent.signalCode !== null) return;
      agent.kill("SIGTERM");
      await new Promise((r) => agent.once("exit", r));
    },
  };
}
