/** A zone file uploaded for a one-off ZONEMD verdict: streamed with byte and record caps, nothing stored. */
import { ZoneUpload } from "@netops/protocols/dns";
import { DomainError } from "../../errors";
import type { UploadVerdictView } from "./schemas";

/** Verifies an uploaded zone file, streamed, with a byte cap; nothing is stored. */
export async function verifyUpload(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  maxRecords: number,
  origin?: string,
): Promise<UploadVerdictView> {
  // The parse and verdict are the protocols' ZoneUpload, which the mock API runs too.
  const upload = new ZoneUpload(origin ? { origin } : {});
  for await (const chunk of body) {
    if (upload.bytes + chunk.length > maxBytes)
      throw new DomainError("too-large", `the zone file is larger than ${maxBytes} bytes`);
    upload.push(chunk);
    if (upload.records > maxRecords)
      throw new DomainError("too-large", `the zone has more than ${maxRecords} records`);
  }
  return upload.finish();
}
