/**
 * The search box in the top bar of every page. Typing or pasting into it, clicking it, `/` (outside a
 * text field) or Ctrl-K / ⌘K anywhere opens the palette with what was typed; closing it puts focus back.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTheme } from "../../hooks/useTheme";
import { setZoneMode, useZoneMode } from "../../lib/timeZoneMode";
import { type PaletteCommand, pageCommands } from "./commands";
import { SearchPalette } from "./SearchPalette";

/** Whether a key press is meant for the element it happened in (so `/` types a slash there). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

/** `/` outside text fields, Ctrl-K or ⌘K anywhere. */
export function isPaletteShortcut(
  e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "target">,
): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") return true;
  return e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
}

export interface ShellSearchProps {
  onLogout?: () => void;
  debounceMs?: number;
}

export function ShellSearch({ onLogout, debounceMs }: ShellSearchProps) {
  const [open, setOpen] = useState<{ q: string } | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const { theme, toggle } = useTheme();
  const zone = useZoneMode();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      setOpen((o) => o ?? { q: "" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const close = useCallback(() => {
    setOpen(null);
    if (box.current) box.current.value = "";
    box.current?.focus();
  }, []);

  const pages = useMemo(pageCommands, []);
  const actions = useMemo<PaletteCommand[]>(
    () => [
      {
        id: "action:theme",
        label: theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme",
        keywords: "theme colour color dark light mode",
        run: toggle,
      },
      {
        id: "action:zone",
        label: zone === "utc" ? "Show times in local time" : "Show times in UTC",
        keywords: "time zone utc local clock",
        run: () => setZoneMode(zone === "utc" ? "local" : "utc"),
      },
      {
        id: "action:timeline-1h",
        label: "Timeline of the last hour",
        keywords: "events recent",
        url: "/timeline?from=now-1h",
      },
      {
        id: "action:firing",
        label: "Firing alerts",
        keywords: "alerts problems",
        url: "/alerts?state=firing",
      },
      ...(onLogout ? [{ id: "action:logout", label: "Log out", keywords: "sign out", run: onLogout }] : []),
    ],
    [theme, toggle, zone, onLogout],
  );

  return (
    <div className="shell-search">
      <input
        ref={box}
        type="search"
        className="shell-search-box"
        aria-label="Search (/ or Ctrl+K)"
        placeholder="Search…"
        aria-haspopup="dialog"
        aria-keyshortcuts="/ Control+K Meta+K"
        onFocus={(e) => {
          // Opening on focus would trap keyboard users tabbing past; a click or typing opens it.
          e.currentTarget.select();
        }}
        onClick={() => setOpen({ q: box.current?.value ?? "" })}
        onChange={(e) => setOpen({ q: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === "ArrowDown") {
            e.preventDefault();
            setOpen({ q: e.currentTarget.value });
          }
        }}
      />
      <span className="kbd shell-search-key small" aria-hidden="true">
        /
      </span>
      {open ? (
        <SearchPalette
          initialQuery={open.q}
          onClose={close}
          pages={pages}
          actions={actions}
          debounceMs={debounceMs}
        />
      ) : null}
    </div>
  );
}
