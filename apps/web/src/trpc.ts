import type { AppRouter } from "@netops/api";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { LIST_CACHED_PROCEDURES, UNBATCHED_PROCEDURES } from "@netops/protocols";
import { errorInfo, isUnauthorized } from "./lib/errors";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type AppTRPCClient = TRPCClient<AppRouter>;

/**
 * The API lives on the same origin. An absolute URL is built from the page's origin so the same
 * client also works where fetch does not resolve relative URLs (jsdom tests, MSW in Node).
 */
export function defaultApiUrl(): string {
  const origin = typeof window !== "undefined" ? window.location.origin : "";
  return `${origin}/api/trpc`;
}

/**
 * Most calls per batched request. The server refuses batches above server.maxBatchSize, whose
 * lowest allowed value is this (packages/config/src/schema.ts): keep the two in step.
 */
export const MAX_BATCH_ITEMS = 10;

export function createAppTrpcClient(url: string = defaultApiUrl()): AppTRPCClient {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url }),
        false: splitLink({
          // Password calls (refused in a batch), and the list queries the server's list cache
          // answers again (it keeps whole requests only).
          condition: (op) =>
            UNBATCHED_PROCEDURES.has(op.path) || (op.type === "query" && LIST_CACHED_PROCEDURES.has(op.path)),
          true: httpLink({ url }),
          // No transformer: the API returns ISO date strings.
          false: httpBatchLink({ url, maxURLLength: 4000, maxItems: MAX_BATCH_ITEMS }),
        }),
      }),
    ],
  });
}

// ---- UNAUTHORIZED → /login ----
// The QueryClient lives outside the router, so it only announces the event; a component inside
// the router (<UnauthorizedRedirect>) listens and navigates.

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => {
    unauthorizedListeners.delete(fn);
  };
}

export function announceUnauthorized(): void {
  for (const fn of unauthorizedListeners) fn();
}

/** Retry network failures and server errors (5xx) twice; never retry a 4xx answer. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const { httpStatus } = errorInfo(error);
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500) return false;
  return failureCount < 2;
}

export function createAppQueryClient(): QueryClient {
  const handle = (error: unknown) => {
    if (isUnauthorized(error)) announceUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({ onError: handle }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 10_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
