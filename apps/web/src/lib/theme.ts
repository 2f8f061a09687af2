/** Light/dark theme: follows prefers-color-scheme until the user picks one, then remembers it. */

export type Theme = "light" | "dark";
export const THEME_KEY = "netops-theme";

export function storedTheme(): Theme | null {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === "light" || v === "dark" ? v : null;
  } catch {
    return null;
  }
}

export function systemTheme(): Theme {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches
    ? "dark"
    : "light";
}

export function currentTheme(): Theme {
  return storedTheme() ?? systemTheme();
}

/** Sets `data-theme` on <html> when the user chose a theme; without a choice, CSS follows the system. */
export function applyTheme(theme: Theme | null): void {
  if (typeof document === "undefined") return;
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export function saveTheme(theme: Theme): void {
  try {
    globalThis.localStorage?.setItem(THEME_KEY, theme);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  applyTheme(theme);
}
