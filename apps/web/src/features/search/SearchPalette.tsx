/**
 * The command palette (`/` or Ctrl-K, or the search box in the top bar): search whatever was pasted
 * (address, prefix, MAC, name, AS, handle, text) across every subsystem, jump to a page or run an
 * action. A combobox over a grouped listbox: arrow keys move, Enter opens, Escape closes; every
 * entry with a page is a real link (middle-click opens a tab).
 */
import { SEARCH_INPUT_MAX } from "@netops/protocols";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Link, useNavigate } from "react-router";
import { ErrorView } from "../../components/StateView";
import type { PaletteCommand } from "./commands";
import { flatItems, moveActive, type PaletteItem, paletteSections } from "./paletteModel";
import { useSearch } from "./useSearch";
import "./search.css";

export interface SearchPaletteProps {
  onClose: () => void;
  /** Text to start with (what was typed or pasted into the top bar's box). */
  initialQuery?: string;
  pages: readonly PaletteCommand[];
  actions: readonly PaletteCommand[];
  debounceMs?: number;
}

const RANK_WORD: Record<string, string> = { exact: "exact", prefix: "starts with", contains: "contains" };

export function SearchPalette({
  onClose,
  initialQuery = "",
  pages,
  actions,
  debounceMs,
}: SearchPaletteProps) {
  const id = useId();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const { query, searched, issue, busy, enabled } = useSearch(q, { debounceMs });
  const result = enabled && query.data && query.data.classified.q === searched ? query.data : undefined;
  const sections = useMemo(
    () => paletteSections({ query: q, result: q.trim() ? result : undefined, pages, actions }),
    [q, result, pages, actions],
  );
  const items = useMemo(() => flatItems(sections), [sections]);
  const activeIndex = Math.min(active, items.length - 1);
  const current = items[activeIndex];

  useEffect(() => {
    const el = input.current;
    el?.focus();
    // The caret goes after what was already typed, so typing on continues it.
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  // A new list starts at its first entry.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list changes
  useEffect(() => setActive(0), [items]);
  useEffect(() => {
    if (activeIndex >= 0)
      document.getElementById(optionId(id, activeIndex))?.scrollIntoView?.({ block: "nearest" });
  }, [activeIndex, id]);

  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    if (item.run) item.run();
    else if (item.url) navigate(item.url);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key === "Enter") {
      e.preventDefault();
      if (current) choose(current);
      else if (q.trim()) {
        onClose();
        navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }
      return;
    }
    if (!["ArrowDown", "ArrowUp", "PageDown", "PageUp"].includes(e.key)) return;
    const next = moveActive(e.key, activeIndex, items.length);
    if (next !== null) {
      e.preventDefault();
      setActive(next);
    }
  };

  const classified = result?.classified;
  const invalid = issue ?? (classified?.kind === "invalid" ? (classified.reason ?? "not searchable") : null);
  const noHits = q.trim() !== "" && result !== undefined && result.groups.length === 0 && !invalid;
  let n = -1;

  // On <body>, so no ancestor's stacking or containing block (the top bar) confines the overlay.
  return createPortal(
    // A click beside the palette closes it, as Escape does from the keyboard.
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop; Escape is the keyboard way
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Search and commands">
        <div className="palette-input">
          <span aria-hidden="true">⌕</span>
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-label="Search addresses, names, MACs, AS numbers, handles, alerts; or a page or action"
            aria-expanded={items.length > 0}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={current ? optionId(id, activeIndex) : undefined}
            placeholder="192.0.2.53, 00:1a:2b…, ns1.example, AS64496, a page…"
            maxLength={SEARCH_INPUT_MAX}
            spellCheck={false}
            autoComplete="off"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <kbd className="small">Esc</kbd>
        </div>
        <div className="palette-status small" aria-live="polite">
          {busy ? (
            <span role="status">Searching…</span>
          ) : classified && classified.kind !== "empty" && classified.kind !== "invalid" ? (
            <span className="muted">Read as {describeKind(classified.kind)}</span>
          ) : null}
        </div>
        {invalid ? (
          <p className="palette-note warn-text" role="note">
            Cannot search this: {invalid}
          </p>
        ) : null}
        {query.error && enabled ? <ErrorView error={query.error} title="Search failed" compact /> : null}
        {result?.hint && !invalid ? (
          <p className="palette-note small muted" role="note">
            {result.hint}
          </p>
        ) : null}
        {noHits ? <p className="palette-note">No results for “{searched}”.</p> : null}
        <div id={`${id}-list`} role="listbox" aria-label="Results" className="palette-list">
          {sections.map((s) => (
            // biome-ignore lint/a11y/useSemanticElements: a listbox's group (ARIA combobox pattern), not a form fieldset
            <div key={s.id} role="group" aria-labelledby={`${id}-${s.id}`} className="palette-group">
              <div id={`${id}-${s.id}`} className="palette-group-label" role="presentation">
                {s.label}
              </div>
              {s.note ? (
                <div className={`palette-group-note small${s.error ? " error-text" : " muted"}`}>
                  {s.note}
                </div>
              ) : null}
              {s.items.map((item) => {
                n++;
                const index = n;
                const selected = index === activeIndex;
                const body = (
                  <>
                    <span className="palette-label">{item.label}</span>
                    {item.detail ? <span className="palette-detail small muted">{item.detail}</span> : null}
                    {item.rank ? (
                      <span className="chip palette-rank">{RANK_WORD[item.rank] ?? item.rank}</span>
                    ) : null}
                  </>
                );
                return (
                  <div
                    key={item.id}
                    id={optionId(id, index)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={selected}
                    className={`palette-item${selected ? " is-active" : ""}`}
                    onMouseMove={() => index !== active && setActive(index)}
                  >
                    {item.url && !item.run ? (
                      <Link to={item.url} tabIndex={-1} onClick={onClose}>
                        {body}
                      </Link>
                    ) : (
                      <button type="button" tabIndex={-1} onClick={() => choose(item)}>
                        {body}
                      </button>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p className="palette-help small muted">
          <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close · <kbd>/</kbd>{" "}
          or <kbd>Ctrl</kbd>+<kbd>K</kbd> opens this anywhere
        </p>
      </div>
    </div>,
    document.body,
  );
}

function optionId(base: string, index: number): string {
  return `${base}-opt-${index}`;
}

const KIND_WORDS: Record<string, string> = {
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  "ip-partial": "the start of an address",
  prefix: "a prefix",
  mac: "a MAC address",
  "mac-partial": "the start of a MAC address",
  name: "a host or domain name",
  as: "an AS number",
  handle: "a handle or id",
  text: "text",
};

export function describeKind(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}
