/**
 * Where lease files may be read from. A lease-file source names a path; the console reads it with
 * its own rights, so the path is confined to the configured folders (`dhcp.leaseDirs`), as zone
 * files are to `dns.zoneDirs`: symlinks resolved, `..` refused, checked when the source is created
 * and again at every open (a symlink may be swapped later), and only regular files of a bounded size.
 */
import { constants, type Stats } from "node:fs";
import { type FileHandle, lstat, open, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { isInsideFolder, leaseLocationShapeProblem, outsideLeaseDirsMessage } from "@netops/protocols/dhcp";

export interface LeaseFileLimits {
  /** Folders lease files may be read from; empty: no lease file can be read. */
  leaseDirs: readonly string[];
  /** A larger file is refused rather than read. */
  maxLeaseFileBytes: number;
}

export const DEFAULT_LEASE_FILE_LIMITS: LeaseFileLimits = {
  leaseDirs: [],
  maxLeaseFileBytes: 1024 * 1024 * 1024,
};

/** A location the configuration does not allow, or a file that may not be read (the source's error). */
export class LeaseLocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeaseLocationError";
  }
}

/** The configured folders as they really are (a folder that does not exist allows nothing). */
async function realDirs(dirs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const d of dirs) {
    try {
      out.push(await realpath(path.resolve(d)));
    } catch {}
  }
  return out;
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function outside(location: string, limits: LeaseFileLimits): LeaseLocationError {
  return new LeaseLocationError(outsideLeaseDirsMessage(location, limits.leaseDirs));
}

/** Refusals that need no file system: not absolute, `..`, no folder configured. */
function checkShape(location: string, limits: LeaseFileLimits): void {
  const problem = leaseLocationShapeProblem(location, limits.leaseDirs);
  if (problem) throw new LeaseLocationError(problem);
}

function inside(dirs: readonly string[], p: string): boolean {
  return dirs.some((d) => isInsideFolder(d, p));
}

/**
 * The check when a source is created: the location must lie inside the configured folders once
 * symlinks are resolved. The file itself may not exist yet (a server not started); its folder must.
 * Returns a message for the `location` field, or null when the location is allowed.
 */
export async function leaseLocationProblem(
  location: string,
  limits: LeaseFileLimits,
): Promise<string | null> {
  try {
    checkShape(location, limits);
    const dirs = await realDirs(limits.leaseDirs);
    let real: string;
    try {
      real = await realpath(location);
    } catch (e) {
      if (errCode(e) !== "ENOENT") throw new LeaseLocationError(`cannot resolve ${location}: ${errCode(e)}`);
      // A dangling symlink would be followed once its target exists: refuse it outright.
      const link = await lstat(location).catch(() => null);
      if (link?.isSymbolicLink()) throw new LeaseLocationError(`${location} is a symlink to a missing file`);
      let folder: string;
      try {
        folder = await realpath(path.dirname(location));
      } catch (e2) {
        throw new LeaseLocationError(`the folder of ${location} cannot be resolved: ${errCode(e2)}`);
      }
      real = path.join(folder, path.basename(location));
    }
    if (!inside(dirs, real)) throw outside(location, limits);
    const st = await lstat(real).catch(() => null);
    if (st && !st.isFile()) throw new LeaseLocationError(`${location} is not a regular file`);
    return null;
  } catch (e) {
    if (e instanceof LeaseLocationError) return e.message;
    throw e;
  }
}

export interface OpenedLeaseFile {
  fh: FileHandle;
  /** The resolved path: what the follower watches for a rename over the file. */
  real: string;
  st: Stats;
}

/**
 * Opens a lease file for a poll, checking it again: the resolved path inside the folders, the
 * descriptor really naming a file there (Linux: /proc/self/fd, in case a folder on the way was
 * swapped after the check), a regular file (not a FIFO or a device, opened non-blocking so a FIFO
 * cannot hang the poll) and not larger than the limit. The caller closes `fh`.
 */
export async function openLeaseFile(location: string, limits: LeaseFileLimits): Promise<OpenedLeaseFile> {
  checkShape(location, limits);
  const dirs = await realDirs(limits.leaseDirs);
  let real: string;
  try {
    real = await realpath(location);
  } catch (e) {
    throw new LeaseLocationError(`cannot read ${location}: ${errCode(e)}`);
  }
  if (!inside(dirs, real)) throw outside(location, limits);
  let fh: FileHandle;
  try {
    fh = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    throw new LeaseLocationError(`cannot read ${location}: ${errCode(e)}`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new LeaseLocationError(`${location} is not a regular file`);
    const opened = await readlink(`/proc/self/fd/${fh.fd}`).catch(() => null);
    if (opened !== null && !inside(dirs, opened)) throw outside(location, limits);
    if (st.size > limits.maxLeaseFileBytes)
      throw new LeaseLocationError(
        `${location} is ${st.size} bytes, more than the limit of ${limits.maxLeaseFileBytes} (dhcp.maxLeaseFileBytes)`,
      );
    return { fh, real, st };
  } catch (e) {
    await fh.close();
    throw e;
  }
}
