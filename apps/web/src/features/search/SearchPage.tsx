/** `/search?q=…`: every result of a search on one page (the palette's "All results", and links to handles). */
import { SEARCH_INPUT_MAX } from "@netops/protocols";
import { useEffect, useState } from "react";
import { z } from "zod";
import { FieldError } from "../../components/FieldError";
import { ErrorView, Loading } from "../../components/StateView";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { SearchResults } from "./SearchResults";
import { useSearch } from "./useSearch";
import "./search.css";

export const searchPageSchema = z.object({ q: z.string().max(SEARCH_INPUT_MAX).default("") });

export function SearchPage() {
  const [state, setState, issues] = useUrlState(searchPageSchema);
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  // Too long a query in the address is searched cut to the limit (as the field would cut it), and said so on the field.
  const cut = text === state.q ? issues.q : undefined;
  useTitle(state.q ? `Search: ${state.q}` : "Search");
  const { query, issue, enabled } = useSearch(state.q, { limit: 50, debounceMs: 0 });
  return (
    <section className="page">
      <div className="page-head">
        <h1>Search</h1>
      </div>
      <form
        className="row"
        aria-label="Search"
        onSubmit={(e) => {
          e.preventDefault();
          setState({ q: text.trim() });
        }}
      >
        <input
          type="search"
          aria-label="Search"
          value={text}
          maxLength={SEARCH_INPUT_MAX}
          placeholder="192.0.2.53, 00:1a:2b…, ns1.example, AS64496…"
          onChange={(e) => setText(e.target.value)}
          aria-invalid={cut ? true : undefined}
          aria-describedby={cut ? "search-q-error" : undefined}
        />
        <button type="submit">Search</button>
        <FieldError id="search-q-error" message={cut && `The address's query was ${cut}.`} />
      </form>
      {issue ? (
        <div className="callout warn" role="note">
          <p>{issue}</p>
        </div>
      ) : !enabled ? (
        <p className="muted">
          Paste an address, prefix, MAC, host or domain name, AS number, handle or alert text. Press{" "}
          <kbd>/</kbd> on any page to search from there.
        </p>
      ) : query.error ? (
        <ErrorView error={query.error} title="Search failed" onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <SearchResults result={query.data} />
      ) : (
        <Loading label="Searching…" />
      )}
    </section>
  );
}
