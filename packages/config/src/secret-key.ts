import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The key that encrypts secrets at rest: NETOPS_SECRET_KEY, or one generated once into the data folder. */
export function loadSecretKey(
  dataDir: string,
  env: Record<string, string | undefined>,
): { key: string; fromEnv: boolean } {
  if (env.NETOPS_SECRET_KEY) return { key: env.NETOPS_SECRET_KEY, fromEnv: true };
  const file = path.join(dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return { key: readFileSync(file, "utf8").trim(), fromEnv: false };
}
