/**
 * The role each procedure needs comes from the router: `roles.generated.json` is written from the
 * AppRouter's procedure meta by `npm run roles -w @netops/mocks` (scripts/roles.ts), and
 * test/roles.test.ts fails when it is stale. The mock checks it before every resolver, as the
 * router's viewer/operator/adminProcedure do.
 */
import type { Role } from "@netops/protocols";
import table from "./roles.generated.json";
import type { ResolverContext } from "./trpc-msw";

export type ProcedureRole = Role | "public";

export const PROCEDURE_ROLES: Readonly<Record<string, ProcedureRole>> = table as Record<
  string,
  ProcedureRole
>;

type AnyResolver = (input: unknown, ctx: ResolverContext) => unknown;

/** Each resolver behind its procedure's role check; a path the router does not have is an error. */
export function withRoles<R extends object>(resolvers: R, requireRole: (role: Role) => void): R {
  const out: Record<string, AnyResolver> = {};
  for (const [path, fn] of Object.entries(resolvers) as [string, AnyResolver][]) {
    const role = PROCEDURE_ROLES[path];
    if (role === undefined)
      throw new Error(`${path} is not in roles.generated.json; run npm run roles -w @netops/mocks`);
    out[path] =
      role === "public"
        ? fn
        : (input, ctx) => {
            requireRole(role);
            return fn(input, ctx);
          };
  }
  return out as R;
}
