import { decodeNotification, describeNotification, fromHex } from "@netops/protocols/bgp";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { type BgpEvent, eventWhat, shownText } from "./BgpEventTable";
import { ErrorView, Loading } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { EntityLink } from "../../components/EntityLink";
import { IdentifierLink } from "../../components/EntityLinkAuto";

/** The NOTIFICATION decoded in the browser from the stored bytes (same decoder as the collectors). */
function Decoded({ hex }: { hex: string }) {
  const bytes = fromHex(hex);
  const d = bytes && bytes.length >= 19 ? decodeNotification(bytes, { extendedMessages: true }) : null;
  if (!d)
    return (
      <p className="muted">Stored bytes are NOTIFICATION data only (from a log line), not a whole PDU.</p>
    );
  if (!d.ok) return <p role="alert">Does not decode: {d.error.message}</p>;
  const n = d.value.notification;
  return (
    <dl className="kv">
      <dt>Message</dt>
      <dd>{describeNotification(n)}</dd>
      <dt>Length</dt>
      <dd>{d.value.length} octets</dd>
      {n.shutdown ? (
        <>
          <dt>RFC 9003 status</dt>
          <dd>
            {n.shutdown.status}
            {n.shutdown.findings.length ? ` (${n.shutdown.findings.join(", ")})` : ""}
          </dd>
          <dt>RFC 8203-only peer</dt>
          <dd>
            {n.shutdown.rfc8203Compatible
              ? "accepts it as sent"
              : "would treat it as malformed (over 128 octets or not well formed)"}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Detail({ e }: { e: BgpEvent }) {
  const utf8 = e.text !== null ? new TextEncoder().encode(e.text).length : null;
  return (
    <>
      <dl className="kv">
        <dt>Time</dt>
        <dd>
          <Time iso={e.at} />{" "}
          <span className="muted small">
            (received <Time iso={e.receivedAt} />)
          </span>
        </dd>
        <dt>Session</dt>
        <dd>
          <IdentifierLink value={e.router} code={false} /> ↔{" "}
          <Link to={`/bgp/session?${new URLSearchParams({ router: e.router, peer: e.peer })}`}>{e.peer}</Link>
          {e.peerAddress ? (
            <>
              {" "}
              <EntityLink kind="ip" value={e.peerAddress} />
            </>
          ) : null}
          {e.peerAs !== null ? (
            <>
              {" "}
              <EntityLink kind="as" value={String(e.peerAs)} code={false} />
            </>
          ) : null}
          {e.peerName && e.peerAddress ? ` (${e.peerName})` : ""}
        </dd>
        <dt>Event</dt>
        <dd>
          {eventWhat(e)} — {e.direction}
        </dd>
        {e.reason ? (
          <>
            <dt>Reason</dt>
            <dd>{e.reason}</dd>
          </>
        ) : null}
        <dt>Communication</dt>
        <dd>
          {e.text !== null ? (
            <blockquote className="bgp-communication" lang="" dir="auto">
              {shownText(e.text)}
            </blockquote>
          ) : (
            <span className="muted">none{e.status && e.status !== "ok" ? ` (${e.status})` : ""}</span>
          )}
        </dd>
        <dt>UTF-8 octets</dt>
        <dd>
          {utf8 !== null ? `${utf8} of 255` : "—"}
          {e.textBytes !== null && utf8 !== null && e.textBytes !== utf8
            ? ` (length octet said ${e.textBytes})`
            : ""}
          {utf8 !== null && utf8 > 128 ? " — over 128: RFC 8203-only peers reject it" : ""}
        </dd>
        {e.findings.length ? (
          <>
            <dt>Findings</dt>
            <dd>{e.findings.join(", ")}</dd>
          </>
        ) : null}
        {e.tickets.length ? (
          <>
            <dt>Tickets</dt>
            <dd>
              {e.tickets.map((t) =>
                t.url ? (
                  <a key={t.ref} href={t.url} rel="noreferrer noopener" target="_blank">
                    {t.ref}{" "}
                  </a>
                ) : (
                  <code key={t.ref}>{t.ref} </code>
                ),
              )}
            </dd>
          </>
        ) : null}
        <dt>Source</dt>
        <dd>
          {e.source}
          {e.format ? ` (${e.format} log format)` : ""}
        </dd>
      </dl>
      {e.rawHex ? (
        <>
          <h2>Decoded NOTIFICATION</h2>
          <Decoded hex={e.rawHex} />
          <h2>Raw bytes (hex)</h2>
          <pre className="hex">
            {e.rawHex
              .match(/.{1,32}/g)
              ?.map((l) => l.replace(/(..)/g, "$1 ").trim())
              .join("\n")}
          </pre>
        </>
      ) : null}
      {e.rawLine ? (
        <>
          <h2>Log line</h2>
          <pre className="log-line">{shownText(e.rawLine)}</pre>
        </>
      ) : null}
    </>
  );
}

export function BgpEventPage() {
  const { id } = useParams();
  const n = Number(id);
  useTitle(`BGP event ${id}`);
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.bgp.event.queryOptions({ id: n }), enabled: Number.isInteger(n) && n > 0 });
  return (
    <section className="page">
      <p className="small">
        <Link to="/bgp">← BGP events</Link>
      </p>
      <h1>BGP event {id}</h1>
      {!Number.isInteger(n) || n <= 0 ? (
        <p role="alert">Not an event id: {id}</p>
      ) : q.error ? (
        <ErrorView error={q.error} title="Could not load the event" />
      ) : q.data ? (
        <Detail e={q.data} />
      ) : (
        <Loading label="Loading the event…" />
      )}
    </section>
  );
}
