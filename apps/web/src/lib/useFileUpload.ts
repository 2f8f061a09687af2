import type { AppRouter } from "@netops/api";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import { type ChangeEvent, useMemo, useState } from "react";
import { defaultApiUrl } from "../trpc";

/**
 * A file input that streams the chosen file to one upload procedure: refused in the browser above
 * `limitBytes` (the server enforces its own limit too), with busy, error and the last result.
 * Uploads need a non-batching link: a batch cannot carry a raw body.
 */
export function useFileUpload<R>(
  send: (client: TRPCClient<AppRouter>, file: File) => Promise<R>,
  limitBytes: number,
) {
  const client = useMemo(
    () => createTRPCClient<AppRouter>({ links: [httpLink({ url: defaultApiUrl() })] }),
    [],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ file: string; r: R } | null>(null);
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
      setResult({ file: file.name, r: await send(client, file) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, result, onFile };
}
