import type { RouterOutputs } from "@netops/api";
import { useState } from "react";
import { Link } from "react-router";
import { DataTable } from "../../components/DataTable";
import { Empty } from "../../components/StateView";
import { Time } from "../../components/Time";
import { EntityLink } from "../../components/EntityLink";
import { IdentifierLink } from "../../components/EntityLinkAuto";

export type BgpEvent = RouterOutputs["bgp"]["event"];

const ROW = 38;
const VIEW = 16;
const COLUMNS = ["Time", "Router", "Peer", "Dir.", "Event", "Communication", "Source"];

export function eventWhat(e: BgpEvent): string {
  if (e.kind === "up") return "Session up";
  if (e.code === null) return e.reason ?? "Session down";
  return `${e.codeName}/${e.subcodeName} (${e.code}/${e.subcode})`;
}

/** Text as a safe single line: control characters shown as visible escapes, never raw. */
export function shownText(t: string): string {
  let out = "";
  for (const ch of t) {
    const c = ch.charCodeAt(0);
    const control =
      c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    out += control ? `\\u{${c.toString(16)}}` : ch;
  }
  return out;
}

/**
 * Event log, virtualised: only the rows in view (plus a margin) are in the DOM, so thousands of loaded
 * events scroll smoothly. Row height is fixed; long texts are cut with an ellipsis (detail shows all).
 */
export function BgpEventTable({ items, emptyText }: { items: BgpEvent[]; emptyText: string }) {
  const [top, setTop] = useState(0);
  if (items.length === 0) return <Empty title={emptyText} />;
  const first = Math.max(0, Math.floor(top / ROW) - 8);
  const last = Math.min(items.length, first + VIEW + 16);
  return (
    <DataTable
      columns={COLUMNS}
      caption="BGP session events, newest first"
      captionHidden
      aria-rowcount={items.length + 1}
      wrap={{
        style: { maxHeight: ROW * VIEW + 40, overflowY: "auto" },
        onScroll: (e) => setTop(e.currentTarget.scrollTop),
      }}
    >
      {first > 0 ? <tr style={{ height: first * ROW }} /> : null}
      {items.slice(first, last).map((e, i) => (
        <tr key={e.id} style={{ height: ROW }} aria-rowindex={first + i + 2}>
          <td>
            <Link to={`/bgp/events/${e.id}`}>
              <Time iso={e.at} />
            </Link>
          </td>
          <td>
            <IdentifierLink value={e.router} code={false} />
          </td>
          <td>
            <Link to={`/bgp/session?${new URLSearchParams({ router: e.router, peer: e.peer })}`}>
              {e.peer}
            </Link>
            {e.peerAs !== null ? (
              <span className="small">
                {" "}
                <EntityLink kind="as" value={String(e.peerAs)} code={false} />
              </span>
            ) : null}
          </td>
          <td>{e.direction}</td>
          <td>{eventWhat(e)}</td>
          <td
            className="bgp-text"
            style={{
              maxWidth: "28rem",
              overflow: "hidden",
              textOverflow: "ellipsis",
              whiteSpace: "nowrap",
            }}
          >
            {e.text !== null ? (
              <span title={e.text}>{shownText(e.text)}</span>
            ) : (
              <span className="muted">
                {e.kind === "up" ? "" : e.status === "ok" || !e.status ? "—" : `(${e.status})`}
              </span>
            )}
          </td>
          <td>
            {e.source}
            {e.format ? <span className="muted small"> {e.format}</span> : null}
          </td>
        </tr>
      ))}
      {last < items.length ? <tr style={{ height: (items.length - last) * ROW }} /> : null}
    </DataTable>
  );
}
