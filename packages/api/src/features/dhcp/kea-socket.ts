import { createConnection } from "node:net";

/**
 * One command over a Kea server's own control socket (a UNIX stream socket, `control-socket` in
 * kea-dhcp4/6.json): the console writes one JSON command, Kea answers with one JSON object and
 * closes the connection (checked against Kea 2.2: the answer ends at EOF). This is the path when no
 * Control Agent runs (Kea 3 deprecates it) and the console is on the same host.
 */
export function keaSocketExchange(socketPath: string, body: string, timeoutMs: number, maxBytes: number) {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null, text?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(text ?? "");
    };
    // `answered`: the peer sent something, so its failure is no longer "nothing there".
    const failure = (message: string) => Object.assign(new Error(message), { answered: size > 0 });
    const timer = setTimeout(() => finish(failure(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const sock = createConnection({ path: socketPath });
    sock.on("connect", () => sock.write(body));
    sock.on("data", (c: Buffer) => {
      size += c.length;
      // Bounded: a runaway answer is cut off, not buffered without limit.
      if (size > maxBytes) return finish(failure(`answer larger than ${maxBytes} bytes`));
      chunks.push(c);
    });
    sock.on("end", () => finish(null, Buffer.concat(chunks).toString("utf8")));
    sock.on("error", (e: NodeJS.ErrnoException) =>
      finish(failure(e.code ? `${e.code} ${socketPath}` : e.message)),
    );
  });
}

/** A kea-api source location that names a control socket rather than an HTTP endpoint. */
export function isKeaSocketPath(location: string): boolean {
  return location.startsWith("/");
}
