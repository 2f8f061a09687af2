/**
 * The rules for a lease-file location that need no file system, with their messages: shared by
 * the API (which then resolves symlinks, see packages/api/src/features/dhcp/lease-files.ts) and
 * its mocks, so both refuse alike and say the same.
 */

/** Why `location` cannot be a lease file whatever the disk holds, or null. */
export function leaseLocationShapeProblem(location: string, leaseDirs: readonly string[]): string | null {
  if (!location.startsWith("/") || location.includes("\0")) return "an absolute path to the lease file";
  if (location.split("/").includes(".."))
    return `${location}: a path with '..' is not accepted; give the folder itself`;
  if (leaseDirs.length === 0)
    return "no lease-file folders are configured (dhcp.leaseDirs in netops.yaml or NETOPS_DHCP_LEASE_DIRS), so no lease file can be read";
  return null;
}

export function outsideLeaseDirsMessage(location: string, leaseDirs: readonly string[]): string {
  return `${location} is outside the lease-file folders (dhcp.leaseDirs: ${leaseDirs.join(", ")})`;
}

/** `p` is `dir` or below it, both absolute and normalized (no symlinks are resolved here). */
export function isInsideFolder(dir: string, p: string): boolean {
  const d = dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
  return p === d || p.startsWith(d === "/" ? "/" : `${d}/`);
}
