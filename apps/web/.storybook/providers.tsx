/**
 * The app's providers (AppProviders from src/App.tsx) for stories and story tests, with a fresh
 * QueryClient per story that does not retry (error states show at once) and the real tRPC client
 * (httpBatchLink + httpSubscriptionLink on /api/trpc), whose requests MSW answers with each story's
 * `parameters.msw.handlers`.
 */
import { QueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { AppProviders } from "../src/App";

export function createStoryQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

export function StoryProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createStoryQueryClient);
  return <AppProviders queryClient={queryClient}>{children}</AppProviders>;
}
