/**
 * An EPP session (RFC 5730 §2): greeting → login with the services both sides support → commands,
 * one in flight at a time → logout. A hello before the registry's idle timeout keeps it open.
 * Every exchange is written to the transcript sink, redacted.
 */
import { randomBytes } from "node:crypto";
import {
  closesSession,
  type EppCommand,
  type EppResponse,
  type Extension,
  encodeEpp,
  type Greeting,
  NS,
  type Negotiated,
  negotiateLogin,
  resultCodeInfo,
} from "@netops/protocols/epp";
import { EppConnection, type TlsEndpoint } from "./connection";
import { EppSessionError } from "./errors";
import { type EppTransaction, redacted, type TranscriptSink } from "./transcript";

export interface RegistryConfig extends TlsEndpoint {
  clID: string;
  password: string;
  /** Object and extension URIs to log in with (only those the greeting offers are used). */
  objURIs: string[];
  extURIs: string[];
  commandTimeoutMs?: number;
  /** Send <hello> after this long without traffic; keep it below the registry's idle timeout. */
  keepaliveMs?: number;
}

export type SessionState = "ready" | "closed" | "failed";

export interface CommandResult {
  response: EppResponse;
  code: number;
  ok: boolean;
  /** The registry's message, and what the code means for an operator. */
  message: string;
  explanation: string;
  transaction: EppTransaction;
}

export function commandObject(c: EppCommand): string | undefined {
  if ("name" in c) return c.name;
  if ("names" in c) return c.names[0];
  if ("id" in c) return c.id;
  if ("ids" in c) return c.ids[0];
  return undefined;
}

const newClTRID = () => `NETOPS-${randomBytes(8).toString("hex")}`;

export class EppSession {
  state: SessionState = "ready";
  failure: EppSessionError | null = null;
  lastRttMs: number | null = null;
  readonly openedAt = new Date();
  private queue: Promise<unknown> = Promise.resolve();
  private keepalive: NodeJS.Timeout | null = null;

  private constructor(
    private readonly conn: EppConnection,
    private readonly cfg: RegistryConfig,
    private readonly sink: TranscriptSink,
    public greeting: Greeting,
    readonly negotiated: Negotiated,
  ) {
    conn.onFailure = (e) => this.broken(e);
  }

  /** Connects, reads the greeting, negotiates and logs in. Rejects with a reason on any failure. */
  static async open(cfg: RegistryConfig, sink: TranscriptSink): Promise<EppSession> {
    const conn = await EppConnection.open(cfg);
    const timeout = cfg.commandTimeoutMs ?? 30_000;
    try {
      const first = await conn.exchange(null, timeout);
      if (first.frame.type !== "greeting")
        throw new EppSessionError("protocol", `expected a greeting, got a ${first.frame.type}`);
      const greeting = first.frame.greeting;
      const neg = negotiateLogin(greeting, {
        objURIs: cfg.objURIs,
        extURIs: cfg.extURIs,
        required: [NS.host],
      });
      if (!neg.ok) throw new EppSessionError("negotiation", neg.reason);
      const s = new EppSession(conn, cfg, sink, greeting, neg.value);
      const login = await s.run({
        cmd: "login",
        clID: cfg.clID,
        pw: cfg.password,
        version: neg.value.version,
        lang: neg.value.lang,
        objURIs: neg.value.objURIs,
        extURIs: neg.value.extURIs,
      });
      if (login.code !== 1000)
        throw new EppSessionError("login", `login refused: ${login.code} ${login.message}`);
      s.armKeepalive();
      return s;
    } catch (e) {
      conn.close();
      throw e;
    }
  }

  get tlsVersion(): string | null {
    return this.conn.tlsVersion;
  }

  /** Sends a command; resolves with the registry's answer (including 2xxx refusals). */
  command(c: EppCommand, extensions: Extension[] = []): Promise<CommandResult> {
    return this.serial(() => this.run(c, extensions));
  }

  /** <hello>: refreshes the greeting and the idle timer. */
  hello(): Promise<Greeting> {
    return this.serial(async () => {
      const started = new Date();
      const xml = encodeEpp({ type: "hello" });
      const t: EppTransaction = { command: "hello", startedAt: started, durationMs: 0, requestXml: xml };
      try {
        const r = await this.conn.exchange(xml, this.timeout);
        t.durationMs = Date.now() - started.getTime();
        t.responseXml = redacted(r.xml);
        if (r.frame.type !== "greeting")
          throw this.broken(
            new EppSessionError("protocol", `expected a greeting after <hello>, got a ${r.frame.type}`),
          );
        this.greeting = r.frame.greeting;
        this.lastRttMs = t.durationMs;
        return r.frame.greeting;
      } catch (e) {
        t.error = (e as Error).message;
        throw this.broken(e as Error);
      } finally {
        this.sink(t);
        this.armKeepalive();
      }
    });
  }

  /** Logs out (best effort) and closes the connection. */
  async logout(): Promise<void> {
    if (this.state !== "ready") return;
    try {
      await this.command({ cmd: "logout" });
    } catch {
      // The connection is going away either way.
    }
    this.close();
  }

  close(): void {
    if (this.keepalive) clearTimeout(this.keepalive);
    this.keepalive = null;
    if (this.state === "ready") this.state = "closed";
    this.conn.close();
  }

  private get timeout(): number {
    return this.cfg.commandTimeoutMs ?? 30_000;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => {
      if (this.state !== "ready")
        throw this.failure ?? new EppSessionError("closed", "the session is closed");
      return fn();
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private broken(e: Error): Error {
    if (e instanceof EppSessionError && this.state === "ready") {
      this.state = "failed";
      this.failure = e;
      if (this.keepalive) clearTimeout(this.keepalive);
    }
    return e;
  }

  private armKeepalive(): void {
    if (this.keepalive) clearTimeout(this.keepalive);
    if (this.state !== "ready") return;
    this.keepalive = setTimeout(() => {
      this.hello().catch(() => {});
    }, this.cfg.keepaliveMs ?? 240_000);
    this.keepalive.unref();
  }

  private async run(c: EppCommand, extensions: Extension[] = []): Promise<CommandResult> {
    const clTRID = newClTRID();
    const xml = encodeEpp({ type: "command", command: c, extensions, clTRID });
    const started = new Date();
    const object = commandObject(c);
    const t: EppTransaction = {
      command: c.cmd === "poll" ? `poll ${c.op}` : c.cmd,
      clTRID,
      startedAt: started,
      durationMs: 0,
      requestXml: redacted(xml) as string,
      ...(object !== undefined && { object }),
    };
    try {
      const r = await this.conn.exchange(xml, this.timeout);
      t.durationMs = Date.now() - started.getTime();
      t.responseXml = redacted(r.xml);
      if (r.frame.type !== "response")
        throw new EppSessionError("protocol", `expected a response, got a ${r.frame.type}`);
      const response = r.frame.response;
      const first = response.results[0];
      if (!first) throw new EppSessionError("protocol", "response without a result");
      t.svTRID = response.trID.svTRID;
      t.code = first.code;
      t.message = first.msg;
      if (response.trID.clTRID !== clTRID)
        throw new EppSessionError(
          "protocol",
          `response is for clTRID ${response.trID.clTRID ?? "(none)"}, not ${clTRID}`,
        );
      this.lastRttMs = t.durationMs;
      if (closesSession(first.code)) this.close();
      else this.armKeepalive();
      return {
        response,
        code: first.code,
        ok: first.code < 2000,
        message: first.msg,
        explanation: resultCodeInfo(first.code)?.explanation ?? "",
        transaction: t,
      };
    } catch (e) {
      t.error = (e as Error).message;
      if (t.durationMs === 0) t.durationMs = Date.now() - started.getTime();
      throw this.broken(e as Error);
    } finally {
      this.sink(t);
    }
  }
}
