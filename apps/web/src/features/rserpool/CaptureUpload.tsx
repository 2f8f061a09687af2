import { useQueryClient } from "@tanstack/react-query";
import { ErrorView } from "../../components/StateView";
import { useFileUpload } from "../../lib/useFileUpload";

/** Matches the server's default body limit (server.maxBodyBytes); the server enforces its own. */
export const CAPTURE_LIMIT_BYTES = 1024 * 1024;

/** Import a pcap/pcapng: streamed to the server as the request body, decoded and stored there. */
export function CaptureUpload({ limitBytes = CAPTURE_LIMIT_BYTES }: { limitBytes?: number }) {
  const qc = useQueryClient();
  const { busy, error, setError, result, onFile } = useFileUpload(async (client, file) => {
    const r = await client.rserpool.importCapture.mutate(file);
    await qc.invalidateQueries();
    return r;
  }, limitBytes);
  return (
    <section className="card" aria-labelledby="rserpool-upload-h">
      <h2 id="rserpool-upload-h">Import a capture</h2>
      <p className="small muted">
        A pcap or pcapng of ASAP/ENRP traffic (kernel SCTP, or SCTP in UDP port 9899): its pools, PEs,
        registrars and events are added. Up to {Math.round(limitBytes / 1024)} KiB.
      </p>
      <div className="field">
        <label htmlFor="rserpool-upload">Capture file</label>
        <input
          id="rserpool-upload"
          type="file"
          accept=".pcap,.pcapng,.cap"
          onChange={onFile}
          disabled={busy}
        />
      </div>
      {busy ? <p role="status">Importing…</p> : null}
      {error ? (
        <ErrorView
          error={error}
          title="Could not import the capture"
          compact
          onDismiss={() => setError(null)}
        />
      ) : null}
      {result ? (
        <div role="status" aria-live="polite">
          <p>
            <strong>{result.file}</strong>: {result.r.stats.frames} frames, {result.r.stats.asap} ASAP and{" "}
            {result.r.stats.enrp} ENRP messages, {result.r.stats.csp} CSP reports; {result.r.events} events,{" "}
            {result.r.pes} PEs still registered.
          </p>
          {result.r.stats.errors > 0 || result.r.issues.length > 0 ? (
            <ul className="small">
              {result.r.issues.slice(0, 10).map((i) => (
                <li key={`${i.offset}-${i.field}`}>
                  offset {i.offset}
                  {i.frame ? ` (frame ${i.frame})` : ""}: {i.field}: {i.reason}
                </li>
              ))}
              {result.r.stats.errors > 0 ? <li>{result.r.stats.errors} messages did not decode</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
