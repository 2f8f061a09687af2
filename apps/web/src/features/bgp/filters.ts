// BGP event filters <-> URL search params (the URL is the state: links and reloads keep the view).
import type { RouterInputs } from "@netops/api";

type EventsInput = RouterInputs["bgp"]["events"];

export interface BgpFilters {
  router: string;
  peer: string;
  peerAs: string;
  direction: "" | "sent" | "received" | "unknown";
  kind: "" | "down" | "up" | "notification";
  subcode: string;
  q: string;
  from: string;
  to: string;
}

export const EMPTY_BGP_FILTERS: BgpFilters = {
  router: "",
  peer: "",
  peerAs: "",
  direction: "",
  kind: "",
  subcode: "",
  q: "",
  from: "",
  to: "",
};

const KEYS = Object.keys(EMPTY_BGP_FILTERS) as (keyof BgpFilters)[];

export function parseBgpFilters(p: URLSearchParams): BgpFilters {
  const f = { ...EMPTY_BGP_FILTERS };
  for (const k of KEYS) (f as Record<string, string>)[k] = p.get(k) ?? "";
  if (!["", "sent", "received", "unknown"].includes(f.direction)) f.direction = "";
  if (!["", "down", "up", "notification"].includes(f.kind)) f.kind = "";
  return f;
}

export function serializeBgpFilters(f: BgpFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of KEYS) if (f[k]) p.set(k, f[k]);
  return p;
}

const int = (s: string, max: number) => (/^\d+$/.test(s) && Number(s) <= max ? Number(s) : undefined);
/** datetime-local values are local time; the API wants ISO with an offset. */
const iso = (s: string) => {
  const t = s ? Date.parse(s) : Number.NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
};

export function toEventsInput(f: BgpFilters, limit = 100): EventsInput {
  const peerAs = int(f.peerAs, 4294967295);
  const subcode = int(f.subcode, 255);
  const from = iso(f.from);
  const to = iso(f.to);
  return {
    limit,
    ...(f.router && { router: f.router }),
    ...(f.peer && { peer: f.peer }),
    ...(peerAs !== undefined && { peerAs }),
    ...(f.direction && { dir: f.direction }),
    ...(f.kind && { kind: f.kind }),
    ...(subcode !== undefined && { code: 6, subcode }),
    ...(f.q && { q: f.q }),
    ...(from && { from }),
    ...(to && { to }),
  };
}
