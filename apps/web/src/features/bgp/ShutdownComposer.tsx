import {
  measureShutdownCommunication,
  SHUTDOWN_RFC8203_MAX,
  SHUTDOWN_RFC9003_MAX,
} from "@netops/protocols/bgp";
import { useState } from "react";
import { CopyButton } from "../../components/CopyButton";
import { shutdownConfigLines } from "./shutdownConfig";

/** Counts UTF-8 octets as the peer will see them, and shows what an RFC 8203-only (128-octet) peer does. */
export function ShutdownComposer({ initial = "" }: { initial?: string }) {
  const [text, setText] = useState(initial);
  const [peer, setPeer] = useState("");
  const [peerAs, setPeerAs] = useState("");
  const m = measureShutdownCommunication(text);
  // Over 255 octets (or not encodable) is an error: no daemon would send it as written, so no
  // configuration is offered to copy. Over 128 is a warning: RFC 9003 peers accept it.
  const refused = !m.withinRfc9003 || !m.wellFormed;
  const state = refused ? "error" : !m.withinRfc8203 ? "warn" : "ok";
  return (
    <div className="composer">
      <div className="field">
        <label htmlFor="bgp-compose-text">Shutdown communication</label>
        <textarea
          id="bgp-compose-text"
          rows={3}
          value={text}
          aria-invalid={refused || undefined}
          aria-describedby="bgp-compose-count bgp-compose-verdict"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <p id="bgp-compose-count" className={`byte-count ${state}`} aria-live="polite" data-testid="byte-count">
        {m.bytes} / {SHUTDOWN_RFC9003_MAX} UTF-8 octets ({m.codePoints} characters)
      </p>
      {!m.wellFormed ? (
        <p className="form-error" role="alert">
          The text has unpaired surrogates and cannot be sent as UTF-8.
        </p>
      ) : null}
      {!m.withinRfc9003 ? (
        <p id="bgp-compose-verdict" className="form-error" role="alert">
          Too long by {-m.remainingRfc9003} octets: RFC 9003 allows {SHUTDOWN_RFC9003_MAX}. BIRD and FRR would
          cut it after “{text.slice(Math.max(0, m.fitsRfc9003UpTo - 20), m.fitsRfc9003UpTo)}”.
        </p>
      ) : !m.withinRfc8203 ? (
        <p id="bgp-compose-verdict" className="callout warn" role="status">
          Over {SHUTDOWN_RFC8203_MAX} octets: a peer that implements only RFC 8203 treats the NOTIFICATION as
          malformed and logs no text (GoBGP 3.10 keeps the first 128 octets as text and the rest as hex). The
          first {SHUTDOWN_RFC8203_MAX} octets end at “
          {text.slice(Math.max(0, m.fitsRfc8203UpTo - 20), m.fitsRfc8203UpTo)}”.
        </p>
      ) : (
        <p id="bgp-compose-verdict" className="muted small">
          Fits RFC 8203 (128 octets): every peer that supports shutdown communications shows it.
        </p>
      )}
      {m.hasControlCharacters ? (
        <p className="warn">Contains control characters: peers' logs will mangle them.</p>
      ) : null}
      <div className="filters-row">
        <div className="field inline">
          <label htmlFor="bgp-compose-peer">Peer address</label>
          <input
            id="bgp-compose-peer"
            value={peer}
            onChange={(e) => setPeer(e.target.value)}
            placeholder="192.0.2.1"
          />
        </div>
        <div className="field inline">
          <label htmlFor="bgp-compose-as">Peer AS</label>
          <input
            id="bgp-compose-as"
            value={peerAs}
            onChange={(e) => setPeerAs(e.target.value)}
            placeholder="64500"
          />
        </div>
      </div>
      <h2>Configuration</h2>
      {refused ? (
        <p className="muted" data-testid="config-withheld">
          No configuration is offered until the message can be sent:{" "}
          {m.wellFormed
            ? `shorten it by ${-m.remainingRfc9003} octet${m.remainingRfc9003 === -1 ? "" : "s"}.`
            : "remove the unpaired surrogates."}
        </p>
      ) : (
        shutdownConfigLines(text, peer, peerAs).map((c) => (
          <div key={c.daemon} className="config-line">
            <h3>{c.daemon}</h3>
            <pre>{c.lines}</pre>
            <CopyButton text={c.lines} />
            <p className="muted small">{c.note}</p>
          </div>
        ))
      )}
    </div>
  );
}
