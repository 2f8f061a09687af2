/**
 * The hash functions ZONEMD needs, supplied from outside so this package stays free of Node
 * built-ins: `#zonemd-hash` resolves (package.json "imports", by export condition) to
 * node:crypto under Node and to a stub that asks for a factory elsewhere (browsers have no
 * incremental SHA-384 in WebCrypto).
 */
export interface ZoneHasher {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

export type HasherFactory = (algorithm: "sha384" | "sha512") => ZoneHasher;
