/**
 * The role each AppRouter procedure needs, read from the router itself (the `role` meta that
 * viewer/operator/adminProcedure set; "public" when none). The mock API runs in the browser and
 * cannot import the server, so it reads the table this writes: `src/roles.generated.json`.
 * `npm run roles -w @netops/mocks` rewrites it; test/roles.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { appRouter } from "@netops/api";

export const ROLES_FILE = fileURLToPath(new URL("../src/roles.generated.json", import.meta.url));

export function routerRoles(): Record<string, string> {
  const procs = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { meta?: { role?: string } } }
  >;
  const out: Record<string, string> = {};
  for (const path of Object.keys(procs).sort()) out[path] = procs[path]?._def.meta?.role ?? "public";
  return out;
}

export function rolesJson(): string {
  return `${JSON.stringify(routerRoles(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ROLES_FILE, rolesJson());
  console.log(`wrote ${ROLES_FILE}`);
}
