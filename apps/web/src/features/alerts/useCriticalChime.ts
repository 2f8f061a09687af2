/**
 * Opt-in sound and vibration when a new critical alert starts firing while the on-call page is
 * open. Off by default (a page that beeps unasked is a nuisance); the choice is remembered in this
 * browser. The first list seen is the baseline: only alerts that appear after it chime.
 */
import { useEffect, useRef, useState } from "react";
import { isFiring } from "@netops/protocols";
import type { AlertItem } from "./types";

const KEY = "netops.oncall.chime";

/** Ids of firing, unsilenced critical alerts in `items` that are not in `seen`. */
export function newCriticals(seen: ReadonlySet<number>, items: readonly AlertItem[]): number[] {
  return items.filter((a) => a.severity === "critical" && isFiring(a) && !seen.has(a.id)).map((a) => a.id);
}

function beep() {
  const Ctx =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = "square";
  osc.frequency.value = 880;
  gain.gain.value = 0.05;
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.25);
  osc.onended = () => void ctx.close();
}

/** Chimes (sound and, where the device can, vibration) for each batch of new criticals. */
export function chime() {
  navigator.vibrate?.([200, 100, 200]);
  try {
    beep();
  } catch {
    // No audio device or autoplay refused: the vibration (or nothing) has to do.
  }
}

export function useCriticalChime(items: readonly AlertItem[] | undefined, notify: () => void = chime) {
  const [enabled, setEnabledState] = useState(() => {
    try {
      return localStorage.getItem(KEY) === "1";
    } catch {
      return false;
    }
  });
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    if (!items) return;
    const fresh = seen.current ? newCriticals(seen.current, items) : [];
    seen.current = new Set([...(seen.current ?? []), ...items.map((a) => a.id)]);
    if (enabled && fresh.length > 0) notify();
  }, [items, enabled, notify]);
  const setEnabled = (on: boolean) => {
    setEnabledState(on);
    try {
      localStorage.setItem(KEY, on ? "1" : "0");
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };
  return { enabled, setEnabled };
}
