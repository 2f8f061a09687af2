/**
 * The session pools, one per connection: opened on demand with the connection's sealed credentials
 * (opened from the SecretBox only here, never returned), every command sent through them, and a
 * session failure turned into an error that names the registry.
 */
import type { EppCommand } from "@netops/protocols/epp";
import { DomainError } from "../../errors";
import { jsonColumn } from "../../json-column";
import { SharedTokenBucket } from "../../services/rate-limit";
import { EppSessionError } from "./errors";
import { EppPool, type PoolView } from "./pool";
import { rateLimited } from "./rate-limit";
import type { CommandResult, RegistryConfig } from "./session";
import type { ConnRow, RegistryDeps } from "./shared";
import type { TranscriptLog } from "./transcript-log";

export class RegistrySessions {
  private readonly pools = new Map<string, EppPool>();

  constructor(
    private readonly d: RegistryDeps,
    private readonly transcript: TranscriptLog,
  ) {}

  /** The live state of a connection's pool, when one is open. */
  view(id: string): PoolView | undefined {
    return this.pools.get(id)?.view();
  }

  private config(c: ConnRow): RegistryConfig {
    const { box, opts, policy } = this.d;
    return {
      host: c.host,
      port: c.port,
      ...(c.servername && { servername: c.servername }),
      ca: c.caCert,
      cert: c.clientCert,
      key: box.open(c.clientKeySealed),
      clID: c.clientId,
      password: box.open(c.passwordSealed),
      objURIs: jsonColumn<string[]>(c.objURIs, []),
      extURIs: jsonColumn<string[]>(c.extURIs, []),
      commandTimeoutMs: opts.commandTimeoutMs ?? 30_000,
      keepaliveMs: opts.keepaliveMs ?? 240_000,
      pin: (host, port) => policy.pin(host, port),
    };
  }

  private pool(c: ConnRow): EppPool {
    let p = this.pools.get(c.id);
    if (!p) {
      const pool = this.d.opts.pool ?? {};
      p = new EppPool(this.config(c), (t) => this.transcript.record(c.id, t), {
        size: c.poolSize,
        ...pool,
        // The registry caps commands per account: one bucket in the database for every replica.
        limiter: new SharedTokenBucket(
          this.d.db,
          `epp:${c.id}`,
          pool.ratePerSecond ?? 5,
          pool.burst ?? 10,
          () => rateLimited(pool.ratePerSecond ?? 5),
        ),
      });
      this.pools.set(c.id, p);
    }
    return p;
  }

  /** Opens a session when none is up and records the state and greeting. */
  async connect(c: ConnRow): Promise<EppPool> {
    const p = this.pool(c);
    try {
      await p.ensure();
      const v = p.view();
      await this.d.db.eppRegistryConnection.update({
        where: { id: c.id },
        data: {
          sessionState: "connected",
          lastError: null,
          ...(v.greeting && { lastGreeting: JSON.stringify(v.greeting), lastGreetingAt: this.d.now() }),
        },
      });
      return p;
    } catch (e) {
      if (e instanceof EppSessionError && e.detail)
        this.d.logger.warn(
          { registry: c.name, host: c.host, port: c.port, detail: e.detail },
          "EPP connection failed",
        );
      await this.d.db.eppRegistryConnection.update({
        where: { id: c.id },
        data: { sessionState: "failed", lastError: (e as Error).message },
      });
      throw new DomainError("refused-by-peer", `registry ${c.name}: ${(e as Error).message}`);
    }
  }

  /** Sends one command; a session failure becomes a BAD_GATEWAY error with the reason. */
  async send(c: ConnRow, cmd: EppCommand): Promise<CommandResult> {
    if (!c.enabled) throw new DomainError("precondition", `registry connection ${c.name} is disabled`);
    const p = this.pool(c);
    try {
      return await p.command(cmd);
    } catch (e) {
      if (e instanceof EppSessionError) {
        await this.d.db.eppRegistryConnection
          .update({ where: { id: c.id }, data: { lastError: e.message } })
          .catch(() => {});
        throw new DomainError("refused-by-peer", `registry ${c.name}: ${e.message}`);
      }
      throw e;
    }
  }

  async drop(id: string): Promise<void> {
    const p = this.pools.get(id);
    this.pools.delete(id);
    await p?.close();
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.close()));
  }
}
