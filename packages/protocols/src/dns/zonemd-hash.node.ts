import { createHash } from "node:crypto";
import type { HasherFactory } from "./zonemd-hash";

/** node:crypto's incremental hashes (OpenSSL); chosen by the "node" condition of `#zonemd-hash`. */
export const defaultHasher: HasherFactory | null = (algorithm) => createHash(algorithm);
