import { createHmac, timingSafeEqual } from "node:crypto";
import type { TsigHmac } from "./tsig-hmac";

/** node:crypto's HMAC (OpenSSL); chosen by the "node" condition of `#tsig-hmac`. */
export const tsigHmac: TsigHmac = {
  mac: (digest, secret, data) => new Uint8Array(createHmac(digest, secret).update(data).digest()),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};
