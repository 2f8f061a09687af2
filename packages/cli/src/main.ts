import { ConfigError } from "@netops/config";
import { ALERT_HELP, alertCommand } from "./commands/alert";
import { BGP_HELP, bgpCommand } from "./commands/bgp";
import { CONFIG_HELP, configCommand } from "./commands/config";
import { DB_HELP, dbCommand } from "./commands/db";
import { ENRP_HELP, enrpCommand } from "./commands/enrp";
import { EPP_HELP, eppCommand } from "./commands/epp";
import { LEASES_HELP, leasesCommand } from "./commands/leases";
import { RDAP_HELP, rdapCommand } from "./commands/rdap";
import { SEARCH_HELP, searchCommand } from "./commands/search";
import { TOKEN_HELP, tokenCommand } from "./commands/token";
import { USER_HELP, userCommand } from "./commands/user";
import { ZONE_HELP, ZONEMD_HELP, zoneCommand, zonemdCommand } from "./commands/zone";
import { EXIT, Failure, type Io, processIo, UsageError } from "./io";

export const HELP = `netops — the NetOps Console command line

Usage:
${[USER_HELP, TOKEN_HELP, ALERT_HELP, CONFIG_HELP, BGP_HELP, EPP_HELP, RDAP_HELP, ZONEMD_HELP, ZONE_HELP, LEASES_HELP, ENRP_HELP, SEARCH_HELP, DB_HELP].join("\n")}
netops --help | --version

The CLI works on the console's database directly (DATABASE_URL, netops.yaml), as the
machine's administrator; the web API is for everyone else.

Exit codes: 0 success; 1 the operation failed (not found, exists already, not verified);
2 usage or configuration error (bad arguments, invalid netops.yaml).
`;

/** A command may return its own exit code (e.g. zonemd verify: 1 = not verified). */
const COMMANDS: Record<string, (args: string[], io: Io) => Promise<unknown>> = {
  user: userCommand,
  token: tokenCommand,
  alert: alertCommand,
  config: configCommand,
  zonemd: zonemdCommand,
  zone: zoneCommand,
  bgp: bgpCommand,
  epp: eppCommand,
  rdap: rdapCommand,
  leases: leasesCommand,
  enrp: enrpCommand,
  search: searchCommand,
  db: dbCommand,
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
    io.out(HELP);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  if (cmd === "--version") {
    io.out("netops 0.1.0\n");
    return EXIT.ok;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    io.err(`netops: unknown command ${cmd}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(HELP);
    return EXIT.ok;
  }
  try {
    const code = await run(rest, io);
    return typeof code === "number" ? code : EXIT.ok;
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ConfigError ||
      (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(`netops ${cmd}: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    if (e instanceof Failure) {
      io.err(`netops ${cmd}: ${e.message}\n`);
      return EXIT.failed;
    }
    io.err(`netops ${cmd}: unexpected error: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
}
