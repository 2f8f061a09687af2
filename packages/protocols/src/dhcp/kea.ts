/**
 * ISC Kea memfile lease files (kea-leases4.csv / kea-leases6.csv, also `kea-admin lease-dump`).
 *
 * What this implements (checked against Kea's csv_lease_file{4,6}.cc, csv_file.cc and
 * lease_file_loader.h):
 * - The header line names the columns. Kea grew them over schema versions, so the header decides
 *   the layout: v4 `address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,
 *   hostname` (1.0) `,state` (2.0) `,user_context` (2.1) `,pool_id` (3.0); v6 `address,duid,
 *   valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,
 *   hostname` (1.0) `,hwaddr` (2.0) `,state` (3.0) `,user_context` (3.1) `,hwtype,hwaddr_source`
 *   (4.0) `,pool_id` (5.0). Missing later columns take Kea's defaults (state 0, pool_id 0); unknown
 *   extra columns are kept in `raw`. A header line may reappear mid-stream (concatenated files).
 * - Kea never quotes fields: it writes `,` in text fields as `&#x2c` and `&` as `&#x26` (any
 *   `&#xHH` is decoded; `&#x` not followed by two hex digits stays literal). Only hostname and
 *   user_context are escaped, so every other field is split on plain commas.
 * - `expire` = cltt + valid_lifetime, so cltt = expire − valid_lifetime. Kea has no separate start
 *   time; `starts` is set to cltt. valid_lifetime 0xffffffff is "infinite": `ends` is null.
 * - state: 0 default (bound), 1 declined, 2 expired-reclaimed, 3 released, 4 registered (v6
 *   only); other numbers (and 4 in a v4 file) map to "unknown", the number stays in the raw row.
 * - The file is append-only: the last row for an address wins, and a row with valid_lifetime 0 is
 *   a delete marker (Kea erases the address when loading). Rows are emitted in file order with
 *   `deleted` set on markers; `LeaseTable` applies the last-row-wins / delete rule (what the LFC
 *   process does when it compacts the file).
 * - `raw` is `{ header, row }` (the header line and the row exactly as written); `keaRawFields()`
 *   expands it to column → field. Building a per-row map would halve the parse rate.
 * - Speed: under a v4 header in Kea's own column order (what Kea writes, any schema version) rows
 *   go first to a fused reader (readV4) that checks and converts the fields in one pass and takes
 *   only the plain spellings Kea produces; any other row, malformed ones included, is parsed by the
 *   general path, so leases and errors are the same either way (kea-fastpath.test.ts compares them).
 * Files: kea-layout.ts (columns, header → layout, states), kea-escape.ts (Kea's `&#xHH`),
 * kea-fast.ts (the fused v4 reader), kea-fields.ts (the general path, v4 and v6), kea-lease.ts
 * (row → lease); this file splits lines, spots headers and sends each row to its reader.
 * Deliberate differences from Kea: an empty v4 hwaddr is accepted whatever the state (Kea only
 * accepts it for declined leases; real files have it), and a malformed v6 hwaddr rejects the row
 * with an error (Kea logs a warning and drops just the hwaddr).
 */

import { leaseError } from "./errors";
import { KeaV4FastReader } from "./kea-fast";
import { KeaFieldReader } from "./kea-fields";
import {
  KEA_V4_COLUMNS,
  KEA_V6_COLUMNS,
  type KeaParseItem,
  type KeaParserOptions,
  type Layout,
  layoutOf,
} from "./kea-layout";
import { LineRangeSplitter } from "./lines";
import { parseAll } from "./stream";

export { keaEscape, keaUnescape } from "./kea-escape";
export {
  KEA_LEASE_STATES,
  KEA_SUBNET_ID_MAX,
  KEA_SUBNET_ID_MIN,
  KEA_V4_COLUMNS,
  KEA_V6_COLUMNS,
  type KeaHeaderItem,
  type KeaParseItem,
  type KeaParserOptions,
  keaRawFields,
  keaSubnetIdError,
} from "./kea-layout";

export class KeaCsvParser {
  private out: KeaParseItem[] = [];
  private layout: Layout | null = null;
  private headerText = "";
  private readonly lines: LineRangeSplitter;
  private readonly server: string | null;
  private readonly fastPath: boolean;
  private readonly fast = new KeaV4FastReader();
  private readonly fields = new KeaFieldReader();

  constructor(options: KeaParserOptions = {}) {
    this.server = options.server ?? null;
    this.fastPath = options.fastPath ?? true;
    if (options.assumeFamily) {
      const names = [...(options.assumeFamily === 4 ? KEA_V4_COLUMNS : KEA_V6_COLUMNS)];
      this.setLayout(layoutOf(names) as Layout, names.join(","));
    }
    this.lines = new LineRangeSplitter(
      (src, from, to, lineNo, terminated) => this.line(src, from, to, lineNo, terminated),
      (lineNo, head) =>
        this.out.push(
          leaseError("kea-csv", "line-too-long", lineNo, null, "line exceeds the maximum length", head),
        ),
      options.maxLineLength,
    );
  }

  /** Feeds a chunk of text (any split, including mid-line); returns the items completed by it. */
  push(chunk: string): KeaParseItem[] {
    this.lines.push(chunk);
    const o = this.out;
    this.out = [];
    return o;
  }

  /** Ends the input: flushes a last line without newline. */
  end(): KeaParseItem[] {
    this.lines.end();
    const o = this.out;
    this.out = [];
    return o;
  }

  private setLayout(l: Layout, headerText: string): void {
    this.layout = l;
    this.headerText = headerText;
  }

  /** The fast path's verdict on one row (null: leave it to the general path); tests count these calls. */
  private readV4(s: string, from: number, to: number, ncols: number, lineNo: number) {
    return this.fast.read(s, from, to, ncols, lineNo, this.server, this.headerText);
  }

  private line(src: string, from: number, to: number, lineNo: number, terminated: boolean): void {
    if (to === from) return;
    // Rows start with an IP address, so a line starting with the first column name is a header.
    if (src.charCodeAt(from) === 97 && src.startsWith("address,", from) && to - from >= 8) {
      const text = src.slice(from, to);
      const names = text.split(",");
      const l = layoutOf(names);
      if (typeof l === "string") {
        this.layout = null;
        this.out.push(leaseError("kea-csv", "bad-header", lineNo, null, l, text));
        return;
      }
      this.setLayout(l, text);
      this.out.push({ kind: "header", family: l.family, columns: names, line: lineNo });
      return;
    }
    const L = this.layout;
    if (L === null) {
      this.out.push(
        leaseError(
          "kea-csv",
          "missing-header",
          lineNo,
          null,
          "row before a valid header line",
          src.slice(from, to),
        ),
      );
      return;
    }
    if (L.keaOrder4 && this.fastPath) {
      const lease = this.readV4(src, from, to, L.ncols, lineNo);
      if (lease !== null) {
        this.out.push({ kind: "lease", lease });
        return;
      }
    }
    const ncols = L.ncols;
    const count = this.fields.scan(src, from, to, ncols, lineNo);
    if (count !== ncols) {
      const truncated = !terminated && count < ncols;
      this.out.push(
        leaseError(
          "kea-csv",
          truncated ? "truncated-row" : "column-count",
          lineNo,
          null,
          `expected ${ncols} columns, got ${count}${truncated ? " (input ended mid-row)" : ""}`,
          src.slice(from, to),
        ),
      );
      return;
    }
    const lease =
      L.family === 4
        ? this.fields.row4(L, this.server, this.headerText)
        : this.fields.row6(L, this.server, this.headerText);
    if (lease !== null) this.out.push({ kind: "lease", lease });
    else if (this.fields.error !== null) this.out.push(this.fields.error);
  }
}

/** Convenience: parses a whole string or an iterable of chunks. */
export function parseKeaCsv(input: string | Iterable<string>, options?: KeaParserOptions): KeaParseItem[] {
  return parseAll(new KeaCsvParser(options), input);
}
