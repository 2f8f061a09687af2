import type { AppRouter } from "@netops/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { type ChangeEvent, useMemo, useState } from "react";
import { ErrorView } from "../../components/StateView";
import { defaultApiUrl } from "../../trpc";
import { hashName, type UploadVerdict } from "./types";
import { ZoneStatusChip } from "./ZoneStatusChip";

/** Matches the server's default body limit (server.maxBodyBytes); the server enforces its own. */
export const UPLOAD_LIMIT_BYTES = 1024 * 1024;

/**
 * Verify a zone file ad hoc: the file is streamed to the server as the request body
 * (application/octet-stream), parsed and hashed there, and nothing is stored.
 */
export function UploadVerify({ limitBytes = UPLOAD_LIMIT_BYTES }: { limitBytes?: number }) {
  // Uploads need a non-batching link: batching cannot carry a raw body.
  const client = useMemo(
    () => createTRPCClient<AppRouter>({ links: [httpLink({ url: defaultApiUrl() })] }),
    [],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ file: string; verdict: UploadVerdict } | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setResult(null);
    setError(null);
    if (file.size > limitBytes) {
      setError(new Error(`${file.name} is ${file.size} bytes; the limit is ${limitBytes} bytes.`));
      return;
    }
    setBusy(true);
    try {
      const verdict = await client.dns.verifyUpload.mutate(file);
      setResult({ file: file.name, verdict });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
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
            <strong>{result.file}</strong>: <ZoneStatusChip status={result.verdict.status} />{" "}
            {result.verdict.origin ? (
              <span>
                zone <code>{result.verdict.origin}</code> serial {result.verdict.soaSerial ?? "—"}
              </span>
            ) : null}
          </p>
          <p className="small">{result.verdict.reason}</p>
          <dl className="fields">
            <dt>Records</dt>
            <dd>{result.verdict.records}</dd>
            <dt>Hash</dt>
            <dd>{hashName(result.verdict.hashAlgorithm)}</dd>
            <dt>Published</dt>
            <dd>
              <code className="break">{result.verdict.publishedDigest ?? "—"}</code>
            </dd>
            <dt>Computed</dt>
            <dd>
              <code className="break">{result.verdict.computedDigest ?? "—"}</code>
            </dd>
          </dl>
          {result.verdict.errors.length ? (
            <ul className="small">
              {result.verdict.errors.map((e) => (
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
