// The RSerPool service's options, from netops.yaml `rserpool:` (merged with NETOPS_RSERPOOL_*).
import type { Config } from "@netops/config";

export interface RserpoolEndpoint {
  address: string;
  port: number;
}
export interface RserpoolOptions {
  listen: boolean;
  announce: RserpoolEndpoint;
  presence: RserpoolEndpoint;
  csp: RserpoolEndpoint;
  interface?: string;
  registrarSilenceMs: number;
  checksumGraceMs: number;
  eventAlertMs: number;
  poolMinimum: Record<string, number>;
  maxCaptureBytes: number;
}

export function endpoint(v: string): RserpoolEndpoint {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(v.trim());
  if (!m) throw new Error(`expected ADDRESS:PORT, got "${v}"`);
  return { address: m[1] ?? m[2] ?? "0.0.0.0", port: Number(m[3]) };
}

export function rserpoolOptions(c: Config["rserpool"]): RserpoolOptions {
  return {
    listen: c.listen,
    announce: endpoint(c.announce),
    presence: endpoint(c.presence),
    csp: endpoint(c.csp),
    ...(c.interface ? { interface: c.interface } : {}),
    registrarSilenceMs: c.registrarSilenceSeconds * 1000,
    checksumGraceMs: c.checksumGraceSeconds * 1000,
    eventAlertMs: c.eventAlertMinutes * 60_000,
    poolMinimum: c.poolMinimum,
    maxCaptureBytes: c.maxCaptureBytes,
  };
}

export const DEFAULT_RSERPOOL_OPTIONS: RserpoolOptions = {
  listen: false,
  announce: { address: "239.0.0.50", port: 3863 },
  presence: { address: "239.0.0.51", port: 9901 },
  csp: { address: "0.0.0.0", port: 2960 },
  registrarSilenceMs: 10_000,
  checksumGraceMs: 30_000,
  eventAlertMs: 3_600_000,
  poolMinimum: {},
  maxCaptureBytes: 256 * 1024 * 1024,
};
