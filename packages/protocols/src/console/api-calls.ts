/**
 * How API calls travel, shared by the server (apps/server/src/http.ts) and the web app's client
 * (apps/web/src/trpc.ts).
 */

/**
 * Procedures that check a password. tRPC runs a batch's calls in parallel, so a batch of them would
 * check every password before the login rate limiter counts the first failure: the server refuses
 * them inside a batch, and the client sends them alone.
 */
export const UNBATCHED_PROCEDURES: ReadonlySet<string> = new Set(["auth.login", "auth.changePassword"]);

/**
 * The list queries a replica answers again from its list cache (their procedures declare
 * `listCache`; a test keeps the two in step). The cache keeps whole requests, so the web app sends
 * these alone rather than in a batch with other calls, whose answers are not kept.
 */
export const LIST_CACHED_PROCEDURES: ReadonlySet<string> = new Set([
  "alerts.list",
  "alerts.active",
  "bgp.events",
  "dhcp.leases",
]);
