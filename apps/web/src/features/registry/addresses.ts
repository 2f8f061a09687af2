import type { HostAddr } from "@netops/protocols/epp";

/** One address per line (or comma separated); IPv6 when it holds a colon. */
export function parseAddressList(text: string): HostAddr[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((address) => ({ ip: address.includes(":") ? "v6" : "v4", address }));
}
