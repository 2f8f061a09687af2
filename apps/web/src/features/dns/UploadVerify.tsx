import { ErrorView } from "../../components/StateView";
import { useFileUpload } from "../../lib/useFileUpload";
import { hashName } from "./types";
import { ZoneStatusChip } from "./ZoneStatusChip";
import { IdentifierLink } from "../../components/EntityLinkAuto";

/** Matches the server's default body limit (server.maxBodyBytes); the server enforces its own. */
export const UPLOAD_LIMIT_BYTES = 1024 * 1024;

/**
 * Verify a zone file ad hoc: the file is streamed to the server as the request body
 * (application/octet-stream), parsed and hashed there, and nothing is stored.
 */
export function UploadVerify({ limitBytes = UPLOAD_LIMIT_BYTES }: { limitBytes?: number }) {
  const { busy, error, setError, result, onFile } = useFileUpload(
    (client, file) => client.dns.verifyUpload.mutate(file),
    limitBytes,
  );
  return (
    <section className="card" aria-labelledby="dns-upload-h">
      <h2 id="dns-upload-h">Verify a zone file</h2>
      <p className="small muted">
        Checks the file's ZONEMD (RFC 8976) on the server; nothing is stored. Up to{" "}
        {Math.round(limitBytes / 1024)} KiB.
      </p>
      <div className="field">
        <label htmlFor="dns-upload">Zone file</label>
        <input id="dns-upload" type="file" onChange={onFile} disabled={busy} />
      </div>
      {busy ? <p role="status">Verifying…</p> : null}
      {error ? (
        <ErrorView error={error} title="Could not verify the file" compact onDismiss={() => setError(null)} />
      ) : null}
      {result ? (
        <div role="status" aria-live="polite">
          <p>
            <strong>{result.file}</strong>: <ZoneStatusChip status={result.r.status} />{" "}
            {result.r.origin ? (
              <span>
                zone <IdentifierLink value={result.r.origin} /> serial {result.r.soaSerial ?? "—"}
              </span>
            ) : null}
          </p>
          <p className="small">{result.r.reason}</p>
          <dl className="fields">
            <dt>Records</dt>
            <dd>{result.r.records}</dd>
            <dt>Hash</dt>
            <dd>{hashName(result.r.hashAlgorithm)}</dd>
            <dt>Published</dt>
            <dd>
              <code className="break">{result.r.publishedDigest ?? "—"}</code>
            </dd>
            <dt>Computed</dt>
            <dd>
              <code className="break">{result.r.computedDigest ?? "—"}</code>
            </dd>
          </dl>
          {result.r.errors.length ? (
            <ul className="small">
              {result.r.errors.map((e) => (
                <li key={`${e.line}:${e.column}`}>
                  line {e.line}, column {e.column}: {e.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
