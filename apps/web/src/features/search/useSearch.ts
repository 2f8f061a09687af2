/** The search query behind the palette and the search page: debounced, bounded, cached briefly. */
import { SEARCH_QUERY_MAX } from "@netops/protocols";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../../trpc";

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    if (ms <= 0) {
      setV(value);
      return;
    }
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return ms <= 0 ? value : v;
}

/**
 * Why a query is not sent, or null. The server answers anything over SEARCH_QUERY_MAX "invalid"
 * unsearched; saying so here spares a 10 KB paste a round trip (and a URL too long for a GET).
 */
export function localQueryIssue(q: string): string | null {
  const t = q.trim();
  if (t.length > SEARCH_QUERY_MAX)
    return `A search is at most ${SEARCH_QUERY_MAX} characters; this one has ${t.length}.`;
  return null;
}

export interface UseSearchOptions {
  /** Hits per subsystem. */
  limit?: number;
  debounceMs?: number;
}

export function useSearch(q: string, { limit = 8, debounceMs = 150 }: UseSearchOptions = {}) {
  const trpc = useTRPC();
  const trimmed = q.trim();
  const debounced = useDebounced(trimmed, debounceMs);
  const issue = localQueryIssue(debounced);
  const enabled = debounced !== "" && issue === null;
  const query = useQuery({
    ...trpc.search.query.queryOptions({ q: debounced, limit }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
  return {
    /** The text the shown results belong to. */
    searched: debounced,
    issue: localQueryIssue(trimmed),
    enabled,
    query,
    /** Typing ahead of the results, or waiting for them. */
    busy: enabled && (query.isFetching || debounced !== trimmed),
  };
}
