/**
 * AXFR response assembly (RFC 5936 §2.2): checks each message of the stream and collects the
 * zone between the opening and closing SOA. Pure: the transport feeds decoded messages.
 */
import { RRType } from "./constants";
import {
  type DnsMessage,
  decodeMessage,
  decodeSoaRdata,
  DnsMessageError,
  rcodeText,
  TYPE_AXFR,
} from "./message";
import { bytesEqual, nameToText } from "./names";
import type { ZoneRecord } from "./parser";
import type { TsigResponseVerifier } from "./tsig";

export interface AxfrLimits {
  /** Most records accepted (the transfer is refused beyond). */
  maxRecords: number;
  /** Most octets of messages accepted. */
  maxBytes: number;
  /** Most messages accepted. */
  maxMessages: number;
}

export const DEFAULT_AXFR_LIMITS: Readonly<AxfrLimits> = Object.freeze({
  maxRecords: 5_000_000,
  maxBytes: 1024 * 1024 * 1024,
  maxMessages: 1_000_000,
});

/** Why a transfer failed; `kind` lets callers word it and decide what to keep. */
export class AxfrError extends Error {
  constructor(
    readonly kind: "refused" | "malformed" | "protocol" | "limit" | "tsig",
    message: string,
  ) {
    super(message);
    this.name = "AxfrError";
  }
}

export class AxfrCollector {
  readonly records: ZoneRecord[] = [];
  messages = 0;
  bytes = 0;
  done = false;
  private soa: ZoneRecord | null = null;
  private readonly limits: AxfrLimits;

  constructor(
    private readonly zone: Uint8Array,
    private readonly queryId: number,
    limits: Partial<AxfrLimits> = {},
    private readonly tsig: TsigResponseVerifier | null = null,
    private readonly source = "axfr",
  ) {
    this.limits = { ...DEFAULT_AXFR_LIMITS, ...limits };
  }

  /** The opening SOA's serial once the first message arrived. */
  get serial(): number | null {
    return this.soa ? decodeSoaRdata(this.soa.rdata).serial : null;
  }

  /** Feeds one raw message; returns true when the closing SOA has arrived. */
  push(raw: Uint8Array): boolean {
    if (this.done) throw new AxfrError("protocol", "data after the end of the transfer");
    this.messages++;
    this.bytes += raw.length;
    if (this.bytes > this.limits.maxBytes)
      throw new AxfrError("limit", `transfer larger than ${this.limits.maxBytes} octets`);
    if (this.messages > this.limits.maxMessages)
      throw new AxfrError("limit", `transfer longer than ${this.limits.maxMessages} messages`);
    let m: DnsMessage;
    try {
      m = decodeMessage(raw, { source: this.source, firstOrdinal: this.records.length + 1 });
    } catch (err) {
      if (err instanceof DnsMessageError)
        throw new AxfrError("malformed", `message ${this.messages}: ${err.message} (offset ${err.offset})`);
      throw err;
    }
    const h = m.header;
    if (h.id !== this.queryId)
      throw new AxfrError(
        "protocol",
        `message ${this.messages} has ID ${h.id}, the query had ${this.queryId}`,
      );
    if (!h.qr) throw new AxfrError("protocol", `message ${this.messages} is not a response`);
    if (this.tsig) {
      try {
        this.tsig.verify(raw, m);
      } catch (err) {
        throw new AxfrError("tsig", (err as Error).message);
      }
    }
    if (h.rcode !== 0)
      throw new AxfrError(
        "refused",
        `the server answered ${rcodeText(h.rcode)} for ${nameToText(this.zone)} AXFR`,
      );
    if (h.tc) throw new AxfrError("protocol", "truncated (TC) response over TCP");
    for (const q of m.questions) {
      if (!bytesEqual(q.name, this.zone) || q.type !== TYPE_AXFR)
        throw new AxfrError("protocol", `message ${this.messages} answers a different question`);
    }
    let i = 0;
    const answers = m.answers;
    if (this.soa === null) {
      const first = answers[0];
      if (first === undefined) throw new AxfrError("protocol", "the first message has no answer records");
      if (first.type !== RRType.SOA || !bytesEqual(first.owner, this.zone))
        throw new AxfrError(
          "protocol",
          `the transfer does not start with the SOA of ${nameToText(this.zone)}`,
        );
      this.soa = first;
      this.records.push(first);
      i = 1;
    }
    for (; i < answers.length; i++) {
      const r = answers[i]!;
      if (r.type === RRType.SOA && bytesEqual(r.owner, this.zone)) {
        if (!bytesEqual(r.rdata, this.soa.rdata))
          throw new AxfrError(
            "protocol",
            "the closing SOA differs from the opening one (zone changed mid-transfer?)",
          );
        if (i !== answers.length - 1) throw new AxfrError("protocol", "records after the closing SOA");
        this.done = true;
        try {
          this.tsig?.finish();
        } catch (err) {
          throw new AxfrError("tsig", (err as Error).message);
        }
        return true;
      }
      this.records.push(r);
      if (this.records.length > this.limits.maxRecords)
        throw new AxfrError("limit", `zone has more than ${this.limits.maxRecords} records`);
    }
    return false;
  }
}
