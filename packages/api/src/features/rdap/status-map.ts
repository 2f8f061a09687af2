/** RFC 8056 §2: EPP status → RDAP status ("ok" → "active", "linked" → "associated", words spaced). */
export function eppToRdapStatus(epp: string): string {
  if (epp === "ok") return "active";
  if (epp === "linked") return "associated";
  return epp.replace(/([A-Z])/g, " $1").toLowerCase();
}
