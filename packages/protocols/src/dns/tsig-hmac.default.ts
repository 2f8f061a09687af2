import type { TsigHmac } from "./tsig-hmac";

// WebCrypto's HMAC is asynchronous and TSIG signing here is synchronous; zone transfers run on
// the server only, so outside Node TSIG fails clearly instead of pulling in node:crypto.
const unavailable = (): never => {
  throw new Error("TSIG is not available in the browser");
};

/** Outside Node: every TSIG operation throws. */
export const tsigHmac: TsigHmac = { mac: unavailable, equal: unavailable };
