// BGP collector settings: netops.yaml's `bgp:` section (validated by @netops/config), with the
// NETOPS_BGP_* variables winning. Bad variables stop the start with the variable's name and the reason.
import type { BgpServiceOptions } from "../service";
import type { Config } from "@netops/config";

/** netops.yaml `bgp:` (already merged with the environment when loaded through @netops/config). */
export type BgpFileConfig = Partial<Config["bgp"]>;

export interface ListenAddress {
  host: string;
  port: number;
}

export interface LogFileSource {
  /** Router name the file's lines belong to (when the line itself names none). */
  router: string;
  path: string;
}

export interface BgpCollectorConfig {
  bmp: ListenAddress | null;
  syslogUdp: ListenAddress | null;
  syslogTcp: ListenAddress | null;
  files: LogFileSource[];
  /** Source address → router name, for syslog senders that put no usable host name in messages. */
  syslogRouters: Map<string, string>;
  maxBmpConnections: number;
  filePollMs: number;
  /** SO_RCVBUF asked for the syslog UDP socket. */
  syslogUdpBufferBytes: number;
  /** Read syslog UDP in a worker thread. */
  syslogUdpWorker: boolean;
}

export class BgpConfigError extends Error {}

function listen(
  env: Record<string, string | undefined>,
  name: string,
  fallback?: string,
): ListenAddress | null {
  const v = env[name]?.trim() || fallback?.trim();
  if (!v) return null;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(v);
  const port = Number(m?.[3]);
  if (!m || port > 65535)
    throw new BgpConfigError(`${name}: expected HOST:PORT (e.g. 127.0.0.1:11019), got "${v}"`);
  return { host: m[1] ?? m[2] ?? "127.0.0.1", port };
}

function int(
  env: Record<string, string | undefined>,
  name: string,
  def: number,
  min: number,
  max: number,
): number {
  const v = env[name]?.trim();
  if (!v) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new BgpConfigError(`${name}: expected an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

function bool(env: Record<string, string | undefined>, name: string, def: boolean): boolean {
  const v = env[name]?.trim();
  if (!v) return def;
  if (v === "true" || v === "false") return v === "true";
  throw new BgpConfigError(`${name}: expected true or false, got "${v}"`);
}

/** `router=path` pairs separated by commas; a bare path uses the file's base name as router. */
function files(v: string | undefined): LogFileSource[] {
  if (!v?.trim()) return [];
  return v.split(",").map((item) => {
    const s = item.trim();
    const eq = s.indexOf("=");
    const path = eq > 0 ? s.slice(eq + 1) : s;
    const router = eq > 0 ? s.slice(0, eq) : (path.split("/").pop() ?? path);
    if (!path) throw new BgpConfigError(`NETOPS_BGP_LOG_FILES: empty path in "${s}"`);
    return { router, path };
  });
}

function pairs(v: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of v?.split(",") ?? []) {
    const s = item.trim();
    if (!s) continue;
    const eq = s.indexOf("=");
    if (eq < 1) throw new BgpConfigError(`NETOPS_BGP_SYSLOG_ROUTERS: expected ADDRESS=ROUTER, got "${s}"`);
    out.set(s.slice(0, eq), s.slice(eq + 1));
  }
  return out;
}

export function bgpCollectorConfig(
  env: Record<string, string | undefined>,
  file: BgpFileConfig = {},
): BgpCollectorConfig {
  return {
    bmp: listen(env, "NETOPS_BGP_BMP_LISTEN", file.bmpListen),
    syslogUdp: listen(env, "NETOPS_BGP_SYSLOG_UDP_LISTEN", file.syslogUdpListen),
    syslogTcp: listen(env, "NETOPS_BGP_SYSLOG_TCP_LISTEN", file.syslogTcpListen),
    files: env.NETOPS_BGP_LOG_FILES?.trim() ? files(env.NETOPS_BGP_LOG_FILES) : (file.logFiles ?? []),
    syslogRouters: env.NETOPS_BGP_SYSLOG_ROUTERS?.trim()
      ? pairs(env.NETOPS_BGP_SYSLOG_ROUTERS)
      : new Map(Object.entries(file.syslogRouters ?? {})),
    maxBmpConnections: int(env, "NETOPS_BGP_BMP_MAX_CONNECTIONS", file.bmpMaxConnections ?? 64, 1, 10_000),
    filePollMs: int(env, "NETOPS_BGP_FILE_POLL_MS", file.filePollMs ?? 1000, 50, 60_000),
    syslogUdpBufferBytes: int(
      env,
      "NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES",
      file.syslogUdpBufferBytes ?? 8 * 1024 * 1024,
      65_536,
      1024 * 1024 * 1024,
    ),
    syslogUdpWorker: bool(env, "NETOPS_BGP_SYSLOG_UDP_WORKER", file.syslogUdpWorker ?? true),
  };
}

export function bgpServiceOptions(
  env: Record<string, string | undefined>,
  file: BgpFileConfig = {},
): BgpServiceOptions {
  const pattern = env.NETOPS_BGP_TICKET_PATTERN?.trim() || file.ticketPattern;
  if (pattern) {
    try {
      new RegExp(pattern, "g");
    } catch (e) {
      throw new BgpConfigError(`NETOPS_BGP_TICKET_PATTERN: ${(e as Error).message}`);
    }
  }
  const url = env.NETOPS_BGP_TICKET_URL?.trim() || file.ticketUrl;
  if (url && !/^https?:\/\/\S+\{(ref|raw)\}/.test(url))
    throw new BgpConfigError(`NETOPS_BGP_TICKET_URL: expected an http(s) URL containing {ref}, got "${url}"`);
  return { ...(pattern && { ticketPattern: pattern }), ticketUrl: url || null };
}
