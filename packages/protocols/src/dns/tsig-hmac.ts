/**
 * TSIG's HMAC, supplied from outside so this package stays free of Node built-ins: `#tsig-hmac`
 * resolves (package.json "imports", by export condition) to node:crypto under Node and to a stub
 * that throws elsewhere.
 */
export interface TsigHmac {
  /** HMAC of `data` under `secret` with the node:crypto digest name (sha1 … sha512). */
  mac(digest: string, secret: Uint8Array, data: Uint8Array): Uint8Array;
  /** Constant-time comparison of two MACs. */
  equal(a: Uint8Array, b: Uint8Array): boolean;
}
