import type { HasherFactory } from "./zonemd-hash";

/** Outside Node there is no built-in incremental SHA-384/512: callers pass `hasher`. */
export const defaultHasher: HasherFactory | null = null;
