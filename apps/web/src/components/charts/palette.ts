/**
 * Chart colours from the console's theme tokens. Canvas needs concrete colours, and the tokens are
 * `light-dark()` pairs, so each is resolved through a probe element's computed `color`.
 */
import { useEffect, useState } from "react";

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  ok: string;
  warn: string;
  crit: string;
  info: string;
  neutral: string;
}

const TOKENS: Record<keyof ChartPalette, string> = {
  text: "--text",
  muted: "--muted",
  grid: "--border",
  accent: "--accent",
  ok: "--ok-border",
  warn: "--warn-border",
  crit: "--crit-border",
  info: "--info-border",
  neutral: "--neutral-fg",
};

/** The palette as the page currently shows it (under `host`, so a scoped theme applies too). */
export function readPalette(host: HTMLElement = document.body): ChartPalette {
  const probe = document.createElement("span");
  probe.style.display = "none";
  host.appendChild(probe);
  const out = {} as ChartPalette;
  for (const [key, token] of Object.entries(TOKENS) as [keyof ChartPalette, string][]) {
    probe.style.color = `var(${token})`;
    out[key] = getComputedStyle(probe).color || "currentColor";
  }
  probe.remove();
  return out;
}

/** A key that changes whenever the theme does (the user's choice on <html>, or the system setting). */
function themeKey(): string {
  return `${document.documentElement.dataset.theme ?? "system"}:${
    window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light"
  }`;
}

export function useThemeKey(): string {
  const [key, setKey] = useState(themeKey);
  useEffect(() => {
    const update = () => setKey(themeKey());
    const mo = new MutationObserver(update);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const mq = window.matchMedia?.("(prefers-color-scheme: dark)");
    mq?.addEventListener?.("change", update);
    return () => {
      mo.disconnect();
      mq?.removeEventListener?.("change", update);
    };
  }, []);
  return key;
}
