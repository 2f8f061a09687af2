import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context, Services } from "@netops/api";
import type { Role } from "@netops/protocols";
import { dhcpRoutes } from "./dhcp/export";

/**
 * A feature's own HTTP route beside tRPC, for what tRPC does badly: streamed downloads. GET only.
 * http.ts resolves the caller like /metrics does (session cookie or API token), answers 401 / 403
 * itself, and only then calls `handle`; a handler never sees an anonymous request.
 */
export interface FeatureRoute {
  /** Exact pathname, under /api/export/ (the prefix http.ts hands to these routes). */
  path: string;
  role: Role;
  handle(args: {
    services: Services;
    user: NonNullable<Context["user"]>;
    url: URL;
    req: IncomingMessage;
    res: ServerResponse;
  }): Promise<void>;
}

/** Every feature route; add yours with a spread. */
export const featureRoutes: readonly FeatureRoute[] = [...dhcpRoutes];
