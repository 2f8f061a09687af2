/**
 * The console-wide choice of display zone (UTC or the browser's local zone), remembered in
 * localStorage. Every <Time>, the time-range picker and anything else that writes a time reads it
 * through `useZoneMode()`, so one toggle changes every date on every page at once.
 */
import { useSyncExternalStore } from "react";
import type { ZoneMode } from "./time";

export const ZONE_KEY = "netops-time-zone";

const listeners = new Set<() => void>();

/** The stored choice; UTC until the operator picks local (operations logs and peers speak UTC). */
export function storedZoneMode(): ZoneMode {
  try {
    return globalThis.localStorage?.getItem(ZONE_KEY) === "local" ? "local" : "utc";
  } catch {
    return "utc";
  }
}

let current: ZoneMode = storedZoneMode();

export function zoneMode(): ZoneMode {
  return current;
}

export function setZoneMode(mode: ZoneMode): void {
  current = mode;
  try {
    globalThis.localStorage?.setItem(ZONE_KEY, mode);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed it: follow.
  const onStorage = (e: StorageEvent) => {
    if (e.key === ZONE_KEY) {
      current = storedZoneMode();
      listener();
    }
  };
  globalThis.addEventListener?.("storage", onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.("storage", onStorage);
  };
}

/** The display zone, re-rendering when it changes. */
export function useZoneMode(): ZoneMode {
  return useSyncExternalStore(subscribe, zoneMode, () => "utc");
}

/** The browser's zone name for labels (`Europe/Berlin`), or "local". */
export function localZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "local";
  } catch {
    return "local";
  }
}
