import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type Config, configSchema, ENV_KEYS } from "./schema";

/** A configuration problem, located: `netops.yaml:4:9: server.port: expected a number`. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  /** Path to netops.yaml; when unset, NETOPS_CONFIG or <root>/netops.yaml if it exists. */
  file?: string;
  /** The repository root, for default paths. */
  root: string;
}

export interface LoadedConfig extends Config {
  /** dataDir: the SQLite file's folder, or NETOPS_DATA_DIR (default ./data) on PostgreSQL (secret key, etc.). */
  database: { url: string; dataDir?: string; pool?: number | undefined };
  /** Where values came from, for `netops config show`. */
  sources: { file: string | null };
}

const MAX_CONFIG_BYTES = 256 * 1024;

export function loadConfig(opts: LoadOptions): LoadedConfig {
  const env = opts.env ?? process.env;
  const explicit = opts.file ?? (env.NETOPS_CONFIG || undefined);
  const file = explicit ?? path.join(opts.root, "netops.yaml");
  let text: string | null = null;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (explicit || code !== "ENOENT")
      throw new ConfigError([`${file}: cannot read: ${code ?? (e as Error).message}`]);
  }
  const cfg = parseConfigText(text ?? "", text === null ? null : file, env);
  const url = cfg.database.url ?? `file:${path.join(opts.root, "data", "netops.db")}`;
  return {
    ...cfg,
    database: { ...databaseOf(url, opts.root, env), ...(cfg.database.pool && { pool: cfg.database.pool }) },
    sources: { file: text === null ? null : file },
  };
}

/** Relative SQLite paths are taken from the repository root, not from whatever the cwd is. */
function databaseOf(url: string, root: string, env: Record<string, string | undefined>) {
  if (!url.startsWith("file:")) {
    const dir = env.NETOPS_DATA_DIR ?? "data";
    return { url, dataDir: path.isAbsolute(dir) ? dir : path.join(root, dir) };
  }
  const p = url.slice("file:".length);
  const resolved = path.isAbsolute(p) ? url : `file:${path.join(root, p)}`;
  return { url: resolved, dataDir: path.dirname(resolved.slice("file:".length)) };
}

export function parseConfigText(
  text: string,
  fileName: string | null,
  env: Record<string, string | undefined> = {},
): Config {
  const name = fileName ?? "netops.yaml";
  if (text.length > MAX_CONFIG_BYTES)
    throw new ConfigError([`${name}: larger than ${MAX_CONFIG_BYTES} bytes`]);
  const lineCounter = new LineCounter();
  // YAML aliases are capped so a "billion laughs" document cannot blow up.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return `${name}${pos ? `:${pos.line}:${pos.col}` : ""}: ${e.message.split("\n")[0]}`;
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new ConfigError([`${name}: ${(e as Error).message}`]);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError([
      `${name}:1:1: the top level must be a mapping of sections (server, database, ...)`,
    ]);
  }
  const merged = structuredClone(raw) as Record<string, unknown>;
  for (const [key, where] of Object.entries(ENV_KEYS)) {
    const v = env[key];
    if (v === undefined || v === "") continue;
    const [section, field] = where as [string, string];
    merged[section] ??= {};
    const sec = merged[section];
    if (typeof sec !== "object" || sec === null) continue;
    (sec as Record<string, unknown>)[field] = v;
  }
  const parsed = configSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => describeIssue(i, doc, lineCounter, name)));
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: ReturnType<typeof parseDocument>,
  lc: LineCounter,
  name: string,
): string {
  const keyPath = issue.path.map(String);
  const envKey = Object.entries(ENV_KEYS).find(([, p]) => p.join(".") === keyPath.join("."))?.[0];
  let where = name;
  // Point at the YAML node when the value came from the file; otherwise name the variable.
  let node: unknown = doc.getIn(issue.path as (string | number)[], true);
  if (!node && issue.code === "unrecognized_keys")
    node = doc.getIn(issue.path as (string | number)[], true) ?? doc.contents;
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (range) {
    const pos = lc.linePos(range[0]);
    where = `${name}:${pos.line}:${pos.col}`;
  } else if (envKey && !isMap(node)) {
    where = `${name} or ${envKey}`;
  }
  const field = keyPath.length > 0 ? keyPath.join(".") : "(top level)";
  return `${where}: ${field}: ${issue.message}`;
}
