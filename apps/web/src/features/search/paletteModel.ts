/**
 * The palette's list, in the order it is shown and walked with the arrow keys: the entity page the
 * query names, the search hits grouped by subsystem (in the server's ranked order), the pages and
 * the actions that match, and a last entry for every result on the search page.
 */
import { entityUrl, type SearchResult } from "@netops/protocols";
import { commandMatch, matchCommands, type PaletteCommand } from "./commands";

export interface PaletteItem {
  id: string;
  label: string;
  detail?: string;
  /** exact / prefix / contains, for search hits. */
  rank?: string;
  url?: string;
  run?: () => void;
}

export interface PaletteSection {
  id: string;
  label: string;
  items: PaletteItem[];
  /** Said under the heading (more hits exist, or this subsystem failed to answer). */
  note?: string;
  error?: boolean;
}

export interface PaletteModelInput {
  query: string;
  /** The search answer for `query` (undefined while none has arrived). */
  result?: SearchResult;
  pages: readonly PaletteCommand[];
  actions: readonly PaletteCommand[];
}

const ENTITY_WORDS = { ip: "address", prefix: "prefix", mac: "MAC address", name: "name", as: "AS" } as const;

export function paletteSections({ query, result, pages, actions }: PaletteModelInput): PaletteSection[] {
  const q = query.trim();
  const out: PaletteSection[] = [];
  const entity = result?.classified.entity;
  const cmd = (c: PaletteCommand): PaletteItem => ({ id: c.id, label: c.label, url: c.url, run: c.run });
  const pageHits = matchCommands(pages, q, q ? 5 : 20);
  // A query that starts a page's name (and is no address, name or number) is most likely that page.
  const kind = result?.classified.kind ?? "text";
  const pagesFirst =
    q !== "" && (kind === "text" || kind === "handle") && pageHits.some((c) => commandMatch(c, q) === 0);
  const pageSection: PaletteSection | null = pageHits.length
    ? { id: "pages", label: "Pages", items: pageHits.map(cmd) }
    : null;
  if (pagesFirst && pageSection) out.push(pageSection);
  if (entity) {
    const shown =
      result.classified.interpretations.find((i) => i.value === entity.value)?.display ?? entity.value;
    out.push({
      id: "entity",
      label: "Go to",
      items: [
        {
          id: `entity:${entity.type}:${entity.value}`,
          label: `Everything about ${ENTITY_WORDS[entity.type]} ${shown}`,
          detail: entityUrl(entity),
          url: entityUrl(entity),
        },
      ],
    });
  }
  for (const g of result?.groups ?? []) {
    out.push({
      id: `group:${g.subsystem}`,
      label: g.label,
      error: Boolean(g.error),
      note: g.error
        ? `Could not search ${g.label}: ${g.error}`
        : g.more
          ? "More matches: see all results"
          : undefined,
      items: g.hits.map((h) => ({
        id: `hit:${h.subsystem}:${h.kind}:${h.key}`,
        label: h.label,
        detail: h.detail ? `${h.kind} · ${h.detail}` : h.kind,
        rank: h.rank,
        url: h.url,
      })),
    });
  }
  if (!pagesFirst && pageSection) out.push(pageSection);
  const actionHits = matchCommands(actions, q, 8).map(cmd);
  if (actionHits.length) out.push({ id: "actions", label: "Actions", items: actionHits });
  if (q && result && result.groups.length > 0) {
    out.push({
      id: "all",
      label: "Search",
      items: [{ id: "all", label: `All results for “${q}”`, url: `/search?q=${encodeURIComponent(q)}` }],
    });
  }
  return out;
}

/** The items in walking order (what the arrow keys step through). */
export function flatItems(sections: readonly PaletteSection[]): PaletteItem[] {
  return sections.flatMap((s) => s.items);
}

/** The next active index for a key, wrapping around; null for keys the list does not handle. */
export function moveActive(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return (index + 1) % count;
    case "ArrowUp":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    case "PageDown":
      return Math.min(count - 1, index + 5);
    case "PageUp":
      return Math.max(0, index - 5);
    default:
      return null;
  }
}
