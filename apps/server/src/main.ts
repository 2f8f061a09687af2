import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "@netops/config";
import { startConsole } from "./app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ root });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const demo = process.env.NETOPS_DEMO !== undefined ? process.env.NETOPS_DEMO === "1" : false;
  const opts = {
    config: {
      ...config,
      server: { ...config.server, webDist: config.server.webDist ?? path.join(root, "apps/web/dist") },
    },
  };
  // Lab code is loaded only for the demo.
  const app = demo ? await (await import("./demo")).startDemoConsole(opts) : await startConsole(opts);
  process.stdout.write(`\nNetOps Console is running at ${app.url}/\n`);
  const shutdown = (sig: string) => {
    process.stdout.write(`\n${sig}: shutting down…\n`);
    app.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err) => {
  process.stderr.write(`NetOps Console failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
