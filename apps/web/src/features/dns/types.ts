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
