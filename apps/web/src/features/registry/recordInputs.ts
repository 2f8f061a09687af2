/** Stories and tests: record what the UI sends to one tRPC mutation, then let the mock answer it. */
import { http } from "msw";

/**
 * An MSW handler that remembers the input of every call to `path` (e.g. "registry.updateConnection")
 * and falls through (returns nothing) so the next handler (the mock API) still answers.
 */
export function recordInputs(path: string) {
  const inputs: Record<string, unknown>[] = [];
  const handler = http.post(
    new RegExp(`/api/trpc/[^?]*\\b${path.replace(".", "\\.")}\\b`),
    async ({ request }) => {
      const url = new URL(request.url);
      const paths = decodeURIComponent(url.pathname.split("/api/trpc/")[1] ?? "").split(",");
      const body = (await request.clone().json()) as Record<string, unknown>;
      paths.forEach((p, i) => {
        if (p !== path) return;
        const input = url.searchParams.get("batch") ? body[String(i)] : body;
        inputs.push((input ?? {}) as Record<string, unknown>);
      });
    },
  );
  return { handler, inputs };
}
