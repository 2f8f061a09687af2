import { loadConfig } from "@netops/config";
import { repoRoot } from "../context";
import { type Io, print, UsageError } from "../io";

export const CONFIG_HELP = `netops config check [--json]   validate netops.yaml and the NETOPS_* environment (exit 2 when invalid)`;

export async function configCommand(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "check")
    throw new UsageError(`unknown or missing subcommand: config ${sub ?? ""}\n${CONFIG_HELP}`);
  // A ConfigError propagates to main, which prints it and exits 2.
  const c = loadConfig({ root: repoRoot, env: io.env });
  print(
    io,
    rest.includes("--json"),
    { ok: true, file: c.sources.file, server: c.server, database: c.database.url },
    [
      ["configuration OK"],
      [`file: ${c.sources.file ?? "(none: defaults and environment)"}`],
      [`listen: ${c.server.host}:${c.server.port}`],
      [`database: ${c.database.url}`],
    ],
  );
}
