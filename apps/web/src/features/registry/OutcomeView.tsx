import { Link } from "react-router";
import type { EppOutcome } from "./types";

/**
 * The registry's answer to a change: the RFC 5730 result code, what it means for an operator,
 * and the registry's own message. 2305 on a host names the domains that still use it.
 */
export function OutcomeView({ outcome, object }: { outcome: EppOutcome; object?: string }) {
  return (
    <div className={`card outcome ${outcome.ok ? "ok" : "error"}`} role={outcome.ok ? "status" : "alert"}>
      <p className="state-title">
        <code>{outcome.code}</code> {outcome.meaning}
      </p>
      {outcome.explanation ? <p>{outcome.explanation}</p> : null}
      {outcome.message && outcome.message !== outcome.meaning ? (
        <p className="small">
          Registry: <q>{outcome.message}</q>
        </p>
      ) : null}
      {outcome.code === 2305 ? (
        <div>
          <p>
            {object ?? "This host"} is still a name server of{" "}
            {outcome.linkedDomains.length > 0 ? "these domains" : "one or more domains"}; a host object cannot
            be deleted while any domain refers to it (RFC 5732 §3.2.2). Remove it from their name servers
            first, or rename it out of the way.
          </p>
          {outcome.linkedDomains.length > 0 ? (
            <ul aria-label="Linked domains">
              {outcome.linkedDomains.map((d) => (
                <li key={d}>
                  <Link to={`/registry/domains?name=${encodeURIComponent(d)}`}>{d}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {outcome.svTRID ? (
        <p className="small muted">
          clTRID <code>{outcome.clTRID}</code> · svTRID <code>{outcome.svTRID}</code>
        </p>
      ) : null}
    </div>
  );
}
