import type { RouterOutputs } from "@netops/api";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { ErrorView, Loading } from "../../components/StateView";
import { Time } from "../../components/Time";
import { shownText } from "./BgpEventTable";
import { DataTable } from "../../components/DataTable";

export type BgpUnparsedLine = RouterOutputs["bgp"]["unparsed"]["items"][number];

/** Lines that looked like BGP events but did not parse: shown so a new log format is noticed, not lost. */
export function BgpUnparsedTable({ items, total }: { items: BgpUnparsedLine[]; total: number }) {
  if (items.length === 0) return <p className="muted">Every BGP-looking log line was understood.</p>;
  return (
    <DataTable
      columns={["Last seen", "Router", "Source", "Times", "Line", "Why"]}
      caption={<>BGP-looking log lines no parser understood, {total} kept, newest first</>}
      captionHidden
    >
      {items.map((u) => (
        <tr key={u.id}>
          <td>
            <Time iso={u.lastSeen} />
          </td>
          <td>{u.router}</td>
          <td>{u.source}</td>
          <td>{u.count}</td>
          <td>
            <code className="log-line">{shownText(u.line)}</code>
          </td>
          <td className="small">{u.reason}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function BgpUnparsedSection({ router }: { router?: string }) {
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.bgp.unparsed.infiniteQueryOptions(
      { limit: 20, ...(router ? { router } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  return (
    <section aria-labelledby="bgp-unparsed-h">
      <h2 id="bgp-unparsed-h">Log lines not understood{q.data ? ` (${total})` : ""}</h2>
      {q.error && !q.data ? (
        <ErrorView error={q.error} title="Could not load unparsed lines" compact />
      ) : q.isPending ? (
        <Loading label="Loading unparsed lines…" />
      ) : (
        <>
          <BgpUnparsedTable items={items} total={total} />
          <LoadMoreButton query={q} label="More lines" />
        </>
      )}
    </section>
  );
}
