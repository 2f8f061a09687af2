import { connect } from "node:net";

export interface RawAnswer {
  /** Status of the final answer (1xx interim answers skipped), or null when none came. */
  status: number | null;
  /** Status line and headers, lower-cased names. */
  headers: Record<string, string>;
  /** What arrived of the body before the answer ended or was cut off. */
  body: string;
  /** The server closed or reset the connection without an answer. */
  closedUnanswered: boolean;
}

/**
 * Sends `bytes` exactly as given over a fresh TCP connection (fetch and node:http would normalise
 * or refuse hostile requests) and reads one answer. With `end` it half-closes after sending, for a
 * request that will never complete (Node's server then drops anything it has not answered yet).
 * A stream (text/event-stream), or any answer with `headOnly`, is cut after its headers.
 * Bounded: no answer within `timeoutMs` is an error.
 */
export function rawHttp(
  url: string,
  bytes: string | Buffer,
  {
    end = false,
    headOnly = false,
    timeoutMs = 5000,
  }: { end?: boolean; headOnly?: boolean; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port) });
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (a: RawAnswer | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (a instanceof Error) reject(a);
      else resolve(a);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(bytes).slice(0, 120))}`),
        ),
      timeoutMs,
    );
    /** The final answer once its head is in and its body complete (or the connection ended). */
    const parse = (closed: boolean): RawAnswer | null => {
      let text = buf.toString("latin1");
      // Skip interim answers (100 Continue).
      while (/^HTTP\/1\.[01] 1\d\d /.test(text) && text.includes("\r\n\r\n"))
        text = text.slice(text.indexOf("\r\n\r\n") + 4);
      const headEnd = text.indexOf("\r\n\r\n");
      if (headEnd < 0) {
        return closed ? { status: null, headers: {}, body: "", closedUnanswered: true } : null;
      }
      const [statusLine = "", ...lines] = text.slice(0, headEnd).split("\r\n");
      const status = Number(statusLine.split(" ")[1]);
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(":");
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const body = text.slice(headEnd + 4);
      const length = headers["content-length"];
      const complete =
        closed ||
        headOnly ||
        headers["content-type"]?.startsWith("text/event-stream") ||
        (length !== undefined && Buffer.byteLength(body, "latin1") >= Number(length)) ||
        (headers["transfer-encoding"] === "chunked" && body.endsWith("0\r\n\r\n"));
      return complete ? { status, headers, body, closedUnanswered: false } : null;
    };
    socket.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      const a = parse(false);
      if (a) finish(a);
    });
    const onClosed = () =>
      finish(parse(true) ?? { status: null, headers: {}, body: "", closedUnanswered: true });
    socket.on("end", onClosed);
    socket.on("close", onClosed);
    // A reset (the server refusing the rest of a large body) ends the exchange; what arrived counts.
    socket.on("error", onClosed);
    socket.on("connect", () => {
      socket.write(bytes);
      if (end) socket.end();
    });
  });
}
