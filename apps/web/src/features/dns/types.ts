/** DNS types derived from the API contract. */
import type { RouterOutputs } from "@netops/api";

export type Zone = RouterOutputs["dns"]["list"][number];
export type ZoneCheck = RouterOutputs["dns"]["get"]["history"][number];
export type ServerState = Zone["serverStates"][number];
export type UploadVerdict = RouterOutputs["dns"]["verifyUpload"];
export type ZoneStatus = Zone["status"];

export const HASH_NAMES: Record<number, string> = { 1: "SHA-384", 2: "SHA-512" };

export function hashName(alg: number | null | undefined): string {
  return alg == null ? "—" : (HASH_NAMES[alg] ?? `hash ${alg}`);
}

/**
 * A zone's page by its natural name (`/dns/corrupt.example`); the trailing dot is kept where the
 * name would otherwise have none (`/dns/example.`), and the root zone goes by its id. Old id URLs
 * (`/dns/<id>`) keep working: the page reads a value with a dot as a name.
 */
export function zoneHref(z: { id: string; name: string }): string {
  const bare = z.name.replace(/\.$/, "");
  if (bare === "") return `/dns/${encodeURIComponent(z.id)}`;
  return `/dns/${encodeURIComponent(bare.includes(".") ? bare : `${bare}.`)}`;
}
