import { roleAtLeast } from "@netops/protocols";
import type { RouterOutputs } from "@netops/api";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { EntityLink } from "../../components/EntityLink";
import { Empty, StateView } from "../../components/StateView";
import { useRole } from "../../auth/session";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { CaptureUpload } from "./CaptureUpload";
import { useScrollToFocus } from "../../hooks/useScrollToFocus";
import { RserpoolFocus } from "./RserpoolFocus";
import { rserpoolHref } from "@netops/protocols/rserpool";
import "./rserpool.css";

type Overview = RouterOutputs["rserpool"]["overview"];
type EventRow = RouterOutputs["rserpool"]["events"]["items"][number];

const hex4 = (n: number | null) => (n === null ? "—" : `0x${n.toString(16).padStart(4, "0")}`);
const when = (iso: string | null) =>
  iso
    ? iso
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")
        .replace(/Z$/, " UTC")
    : "—";
const TIMELINE_KINDS = [
  "takeover-started",
  "taken-over",
  "home-changed",
  "unreachable",
  "registrar-lost",
  "expired",
] as const;

function Registrars({ o, focus }: { o: Overview; focus: string | null }) {
  const focusRow = useScrollToFocus<HTMLTableRowElement>(
    o.registrars.some((r) => r.serverId === focus),
    focus,
  );
  return (
    <section className="card" aria-labelledby="rs-registrars">
      <h2 id="rs-registrars">Registrars</h2>
      {o.registrars.length === 0 ? (
        <Empty title="No registrar heard yet." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Server id</th>
                <th>Status</th>
                <th>Addresses</th>
                <th>Last presence</th>
                <th>PE checksum</th>
              </tr>
            </thead>
            <tbody>
              {o.registrars.map((r) => {
                const agrees = r.checksum === null || r.checksum === r.expectedChecksum;
                return (
                  <tr
                    key={r.serverId}
                    {...(r.serverId === focus
                      ? { ref: focusRow, className: "is-focused", "aria-current": true }
                      : {})}
                  >
                    <td>
                      <code>{r.serverId}</code>
                    </td>
                    <td>
                      <span className={`chip rs-${r.status}`}>{r.status}</span>
                      {r.takenOverBy ? (
                        <span className="small">
                          {" "}
                          by{" "}
                          <Link to={rserpoolHref({ registrar: r.takenOverBy })}>
                            <code>{r.takenOverBy}</code>
                          </Link>
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {r.addresses.map((a) => (
                        <span key={a} className="rs-addr">
                          <EntityLink kind="ip" value={a} />
                        </span>
                      ))}
                    </td>
                    <td className="small">{when(r.lastPresence)}</td>
                    <td>
                      <code>{hex4(r.checksum)}</code>{" "}
                      {agrees ? (
                        <span
                          className="chip rs-agree"
                          title={`the known handlespace gives ${hex4(r.expectedChecksum)}`}
                        >
                          agrees
                        </span>
                      ) : (
                        <span
                          className="chip rs-disagree"
                          title={`disagreeing since ${when(r.disagreeSince)}`}
                        >
                          disagrees: expected {hex4(r.expectedChecksum)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Pools({
  o,
  onPe,
  focus,
}: {
  o: Overview;
  onPe: (pool: string, pe: string) => string;
  focus: string | null;
}) {
  const focusPool = useScrollToFocus<HTMLDivElement>(
    o.pools.some((p) => p.name === focus),
    focus,
  );
  return (
    <section className="card" aria-labelledby="rs-pools">
      <h2 id="rs-pools">Pools and pool elements</h2>
      {o.pools.length === 0 ? (
        <Empty title="No pool known yet: import a capture." />
      ) : (
        o.pools.map((p) => {
          const short = p.minimum !== null && p.registered < p.minimum;
          return (
            <div
              key={p.name}
              className={p.name === focus ? "rs-pool is-focused" : "rs-pool"}
              {...(p.name === focus ? { ref: focusPool, "aria-current": true } : {})}
            >
              <h3>
                {p.name} <span className="small muted">{p.policy ?? "policy unknown"}</span>{" "}
                <span className={`chip ${p.registered === 0 || short ? "rs-disagree" : "rs-agree"}`}>
                  {p.registered} registered{p.minimum !== null ? ` (minimum ${p.minimum})` : ""}
                </span>
              </h3>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>PE</th>
                      <th>State</th>
                      <th>Home registrar</th>
                      <th>Address</th>
                      <th>Load</th>
                      <th>Last seen</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.pes
                      .filter((e) => e.pool === p.name)
                      .map((e) => (
                        <tr key={e.peId}>
                          <td>
                            <Link to={onPe(e.pool, e.peId)} aria-label={`History of ${e.peId} in ${e.pool}`}>
                              <code>{e.peId}</code>
                            </Link>
                          </td>
                          <td>
                            {e.state}
                            {e.unreachableReports > 0 ? (
                              <span className="chip rs-disagree"> {e.unreachableReports} unreachable</span>
                            ) : null}
                          </td>
                          <td>
                            <Link to={rserpoolHref({ registrar: e.home })} title="Its home registrar, above">
                              <code>{e.home}</code>
                            </Link>
                          </td>
                          <td>
                            <EntityLink kind="ip" value={e.address} />
                          </td>
                          <td>{e.load === null ? "—" : `${e.load.toFixed(2)} %`}</td>
                          <td className="small">{when(e.lastSeen)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })
      )}
    </section>
  );
}

function EventList({ items, empty }: { items: EventRow[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="rs-events">
      {items.map((e) => (
        <li key={e.id} className={`rs-ev rs-ev-${e.kind}`}>
          <span className="small muted">{when(e.at)}</span> <strong>{e.kind}</strong> {e.detail}
          {e.frame ? <span className="small muted"> (frame {e.frame})</span> : null}
        </li>
      ))}
    </ol>
  );
}

function Timeline() {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.rserpool.events.queryOptions({ kinds: [...TIMELINE_KINDS], limit: 100 }),
    refetchInterval: 5000,
  });
  return (
    <section className="card" aria-labelledby="rs-timeline">
      <h2 id="rs-timeline">Takeovers and unreachable elements</h2>
      <StateView query={q} loadingLabel="Loading the timeline…" errorTitle="Could not load the timeline">
        {(d) => <EventList items={d.items} empty="No takeover, unreachable report or lost registrar." />}
      </StateView>
    </section>
  );
}

function PeHistory({ pool, pe }: { pool: string; pe: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.rserpool.events.queryOptions({ pool, peId: pe, limit: 200 }));
  return (
    <section className="card" aria-labelledby="rs-pe-history">
      <h2 id="rs-pe-history">
        History of <code>{pe}</code> in {pool}
      </h2>
      <Link to="/rserpool" className="small">
        Close
      </Link>
      <StateView
        query={q}
        loadingLabel="Loading the PE's history…"
        errorTitle="Could not load the PE's history"
      >
        {(d) => <EventList items={d.items} empty="No event for this PE." />}
      </StateView>
    </section>
  );
}

function Components({ o }: { o: Overview }) {
  if (o.components.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rs-components">
      <h2 id="rs-components">Components (CSP)</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Component</th>
              <th>Location</th>
              <th>Status</th>
              <th>Workload</th>
              <th>Uptime</th>
              <th>Associations</th>
            </tr>
          </thead>
          <tbody>
            {o.components.map((c) => (
              <tr key={c.senderId}>
                <td>
                  {c.groupName} <code className="small">{c.senderId}</code>
                </td>
                <td>{c.location}</td>
                <td>{c.status}</td>
                <td>{c.workload === null ? "—" : `${(100 * c.workload).toFixed(1)} %`}</td>
                <td>{Math.round(c.uptimeMs / 1000)} s</td>
                <td>{c.associations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** RSerPool: registrars with checksum agreement, pools and their PEs, a PE's history, takeovers. */
export function RserpoolPage() {
  useTitle("RSerPool");
  const trpc = useTRPC();
  const role = useRole();
  const [params] = useSearchParams();
  const pe = params.get("pe");
  const pool = params.get("pool");
  const registrar = params.get("registrar");
  const q = useQuery({ ...trpc.rserpool.overview.queryOptions(), refetchInterval: 5000 });
  const peLink = (p: string, id: string) => `/rserpool?${new URLSearchParams({ pool: p, pe: id })}`;
  return (
    <section className="page">
      <div className="page-head">
        <h1>RSerPool</h1>
      </div>
      <StateView
        query={q}
        loadingLabel="Loading RSerPool…"
        errorTitle="Could not load RSerPool"
        isEmpty={(o) => o.registrars.length === 0 && o.pools.length === 0 && o.components.length === 0}
        empty={
          <>
            <Empty title="No RSerPool data yet.">
              <p>Turn on the listeners (rserpool.listen) or import a capture.</p>
            </Empty>
            {roleAtLeast(role, "operator") ? <CaptureUpload /> : null}
          </>
        }
      >
        {(o) => (
          <>
            <p className="small muted">
              {o.listeners.length
                ? o.listeners.map((l) => `${l.channel}: ${l.detail}`).join(" · ")
                : "No listener running"}{" "}
              — {o.stats.announces} announces, {o.stats.presences} presences, {o.stats.reports} CSP reports,{" "}
              {o.stats.errors} errors
            </p>
            <RserpoolFocus o={o} pool={pool} pe={pe} registrar={registrar} />
            {pe && pool ? <PeHistory pool={pool} pe={pe} /> : null}
            <Registrars o={o} focus={registrar} />
            <Pools o={o} onPe={peLink} focus={pool} />
            <Timeline />
            <Components o={o} />
            {roleAtLeast(role, "operator") ? <CaptureUpload /> : null}
          </>
        )}
      </StateView>
    </section>
  );
}
