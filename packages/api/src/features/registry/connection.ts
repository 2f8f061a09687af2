/**
 * One RFC 5734 connection: TLS 1.2/1.3 with our client certificate, the server's certificate
 * verified against the configured CA, 4-octet length framing, and strictly one exchange at a time.
 * Any framing, XML or protocol error ends the connection: after it the stream cannot be trusted.
 */
import { isIP, type LookupFunction } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import {
  decodeEpp,
  EppDecodeError,
  type EppFrame,
  EppFrameReader,
  type EppFramingError,
  encodeFrame,
  XmlError,
} from "@netops/protocols/epp";
import { unreachableText } from "../../services/outbound/errors";
import type { Pinned } from "../../services/outbound/policy";
import { EppSessionError } from "./errors";

export interface TlsEndpoint {
  host: string;
  port: number;
  /** PEM: the CA that issued the registry's server certificate. */
  ca: string;
  /** PEM: our client certificate and its key. */
  cert: string;
  key: string;
  /** Name to verify in the server certificate when it differs from `host`. */
  servername?: string;
  connectTimeoutMs?: number;
  maxFrameBytes?: number;
  /** The outbound policy's check of host:port; the connection then uses only the checked addresses. */
  pin?: (host: string, port: number) => Promise<Pinned>;
}

export interface Received {
  frame: EppFrame;
  /** The document as received (for the redacted transcript). */
  xml: string;
}

/** XML limits for registry responses: generous for info data, far below anything harmful. */
const XML_LIMITS = { maxBytes: 1 << 20, maxDepth: 32, maxNodes: 50_000 };

export class EppConnection {
  private readonly reader: EppFrameReader;
  private readonly inbox: Uint8Array[] = [];
  private waiter: {
    resolve: (r: Received) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  private failure: EppSessionError | null = null;
  private busy = false;
  /** Told once when the connection dies, in flight or idle (e.g. the registry's idle timeout). */
  onFailure: ((e: EppSessionError) => void) | null = null;

  private constructor(
    private readonly socket: TLSSocket,
    maxFrameBytes: number,
  ) {
    this.reader = new EppFrameReader(maxFrameBytes);
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const doc of this.reader.push(chunk)) this.inbox.push(doc);
      } catch (e) {
        return this.fail(new EppSessionError("framing", (e as EppFramingError).message));
      }
      this.deliver();
    });
    socket.on("end", () => {
      try {
        this.reader.end();
        this.fail(new EppSessionError("closed", "the registry closed the connection"));
      } catch (e) {
        this.fail(new EppSessionError("framing", (e as Error).message));
      }
    });
    socket.on("error", (e) => this.fail(new EppSessionError("closed", `connection error: ${e.message}`)));
    socket.on("close", () => this.fail(new EppSessionError("closed", "the connection was closed")));
  }

  /**
   * Connects and completes the TLS handshake (the greeting is read with {@link receive}). Until the
   * handshake is done every failure (refused, silent, filtered, not TLS, certificate) has one text,
   * so a registry setting cannot be used to learn which ports are open; the cause is in `detail`.
   */
  static async open(ep: TlsEndpoint): Promise<EppConnection> {
    const timeoutMs = ep.connectTimeoutMs ?? 10_000;
    let lookup: LookupFunction | undefined;
    let label = isIP(ep.host) === 6 ? `[${ep.host}]:${ep.port}` : `${ep.host}:${ep.port}`;
    if (ep.pin) {
      try {
        const pinned = await ep.pin(ep.host, ep.port);
        lookup = pinned.lookup;
        label = pinned.label;
      } catch (e) {
        throw new EppSessionError("connect", (e as Error).message);
      }
    }
    const failed = (detail: string) => new EppSessionError("connect", unreachableText(label), detail);
    return new Promise((resolve, reject) => {
      const socket = connect({
        host: ep.host,
        port: ep.port,
        ...(lookup && { lookup }),
        ca: [ep.ca],
        cert: ep.cert,
        key: ep.key,
        minVersion: "TLSv1.2",
        maxVersion: "TLSv1.3",
        rejectUnauthorized: true,
        // SNI must not carry an IP address (RFC 6066 §3); identity is still checked against it.
        ...(ep.servername ? { servername: ep.servername } : isIP(ep.host) ? {} : { servername: ep.host }),
      });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(failed(`no TLS session within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once("secureConnect", () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        resolve(new EppConnection(socket, ep.maxFrameBytes ?? 1 << 20));
      });
      socket.once("error", (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(failed((e as NodeJS.ErrnoException).code ?? e.message));
      });
    });
  }

  get failed(): EppSessionError | null {
    return this.failure;
  }

  /** TLS protocol in use ("TLSv1.3"), for the session view. */
  get tlsVersion(): string | null {
    return this.socket.getProtocol();
  }

  /** Sends one document (or none) and waits for the next frame. Throws if one is already in flight. */
  exchange(doc: string | null, timeoutMs: number): Promise<Received> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.busy)
      return Promise.reject(new Error("an EPP exchange is already in flight on this connection"));
    this.busy = true;
    const p = new Promise<Received>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new EppSessionError("timeout", `no answer from the registry within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiter = { resolve, reject, timer };
    }).finally(() => {
      this.busy = false;
    });
    if (doc !== null) {
      try {
        this.socket.write(encodeFrame(doc));
      } catch (e) {
        this.fail(new EppSessionError("framing", (e as Error).message));
      }
    }
    this.deliver();
    return p;
  }

  close(): void {
    this.fail(new EppSessionError("closed", "closed by the console"));
  }

  private deliver(): void {
    const w = this.waiter;
    if (!w) {
      if (this.inbox.length > 0)
        this.fail(new EppSessionError("protocol", "the registry sent a frame nobody asked for"));
      return;
    }
    const doc = this.inbox.shift();
    if (!doc) return;
    this.waiter = null;
    clearTimeout(w.timer);
    let frame: EppFrame;
    try {
      frame = decodeEpp(doc, XML_LIMITS);
    } catch (e) {
      const err =
        e instanceof XmlError
          ? new EppSessionError("xml", `the registry sent unusable XML: ${e.message}`)
          : e instanceof EppDecodeError
            ? new EppSessionError("protocol", `the registry sent an invalid EPP frame: ${e.message}`)
            : new EppSessionError("protocol", (e as Error).message);
      w.reject(err);
      this.fail(err);
      return;
    }
    w.resolve({ frame, xml: Buffer.from(doc).toString("utf8") });
  }

  private fail(e: EppSessionError): void {
    if (!this.failure) {
      this.failure = e;
      this.onFailure?.(e);
    }
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      clearTimeout(w.timer);
      w.reject(this.failure);
    }
    this.inbox.length = 0;
    this.socket.destroy();
  }
}
