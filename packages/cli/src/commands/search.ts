import { parseArgs } from "node:util";
import { searchService } from "@netops/api";
import { SEARCH_QUERY_MAX, type SearchHit } from "@netops/protocols";
import { withServices } from "../context";
import { Failure, type Io, UsageError } from "../io";

export const SEARCH_HELP = `netops search QUERY [--json] [--limit N]
   (the console's global search: an address, prefix, MAC in any notation, name, AS number, handle or
    text; --json prints one JSON object per hit: subsystem, kind, key, label, url; exit 1 when nothing matched)`;

/** Node decodes argv as UTF-8 and puts U+FFFD for bytes that are not: such a query was not text. */
function refuseUndecodable(q: string): void {
  const at = q.indexOf("\uFFFD");
  if (at >= 0)
    throw new UsageError(`the query is not valid UTF-8 (an undecodable byte at character ${at + 1})`);
}

export async function searchCommand(args: string[], io: Io): Promise<number> {
  let parsed: { values: { json?: boolean; limit?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: "boolean" }, limit: { type: "string" } },
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${SEARCH_HELP}`);
  }
  const q = parsed.positionals.join(" ");
  if (!q.trim()) throw new UsageError(`a query is needed\n${SEARCH_HELP}`);
  refuseUndecodable(q);
  const limit = parsed.values.limit === undefined ? 20 : Number(parsed.values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new UsageError("--limit is a number from 1 to 100");
  if (q.length > SEARCH_QUERY_MAX * 4)
    throw new UsageError(`a search is at most ${SEARCH_QUERY_MAX} characters`);
  // The CLI acts as the machine's administrator (see netops --help): every subsystem answers.
  const result = await withServices(io, (s) => searchService(s).search({ q, limit }, "admin"));
  if (result.classified.kind === "invalid")
    throw new UsageError(result.classified.reason ?? "the query cannot be searched");
  const hits: SearchHit[] = result.groups.flatMap((g) => g.hits);
  for (const g of result.groups) if (g.error) io.err(`${g.label}: ${g.error}\n`);
  if (result.hint) io.err(`${result.hint}\n`);
  if (parsed.values.json) {
    for (const h of hits)
      io.out(
        `${JSON.stringify({ subsystem: h.subsystem, kind: h.kind, key: h.key, label: h.label, url: h.url })}\n`,
      );
  } else {
    for (const g of result.groups) {
      io.out(`${g.label}\n`);
      for (const h of g.hits) io.out(`  ${h.rank.padEnd(8)} ${h.kind.padEnd(13)} ${h.label}  ${h.url}\n`);
      if (g.more) io.out("  … more\n");
    }
  }
  if (!hits.length) throw new Failure(`no results for ${JSON.stringify(result.classified.q)}`);
  return 0;
}
