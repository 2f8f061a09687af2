/**
 * Registry connections (admin CRUD): secrets sealed on the way in and never shown again (only
 * whether they are set), the destination checked against the outbound policy, and the view the
 * console shows: live sessions, greeting, round-trip times and unacknowledged poll messages.
 */
import { X509Certificate } from "node:crypto";
import type { Greeting } from "@netops/protocols/epp";
import { DomainError } from "../../errors";
import { jsonColumn } from "../../json-column";
import type { SessionView } from "./pool";
import type { ConnectionCreate, ConnectionUpdate } from "./schemas";
import type { RegistrySessions } from "./sessions";
import { type ConnRow, connectionRow, iso, type RegistryDeps } from "./shared";
import type { TranscriptLog } from "./transcript-log";

function subjectOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).subject.replace(/\n/g, ", ");
  } catch {
    return null;
  }
}

export type ConnectionView = Awaited<ReturnType<RegistryConnections["view"]>>;

export class RegistryConnections {
  constructor(
    private readonly d: RegistryDeps,
    private readonly sessions: RegistrySessions,
    private readonly transcript: TranscriptLog,
  ) {}

  /** A registry's host:port must be a destination the policy allows (checked again at every connect). */
  private checkDestination(host: string, port: number): void {
    const refused = this.d.policy.check(host, port);
    if (refused) throw new DomainError("invalid", `host: ${refused}`);
  }

  async view(c: ConnRow) {
    const live = this.sessions.view(c.id);
    const rtts = await this.transcript.recentRtts(c.id);
    const greeting = live?.greeting ?? jsonColumn<Greeting | null>(c.lastGreeting, null);
    const sessions: SessionView[] = live?.sessions ?? [];
    const state = !c.enabled
      ? "disabled"
      : sessions.length > 0
        ? "connected"
        : live?.retryAt
          ? "backoff"
          : (c.sessionState as "connected" | "failed" | "disconnected");
    const unacked = await this.d.db.eppPollMessage.count({ where: { connectionId: c.id, ackedAt: null } });
    return {
      id: c.id,
      name: c.name,
      host: c.host,
      port: c.port,
      servername: c.servername,
      clientId: c.clientId,
      // Secrets are write-only: only whether they are set.
      hasPassword: c.passwordSealed.length > 0,
      hasClientKey: c.clientKeySealed.length > 0,
      clientCertSubject: subjectOf(c.clientCert),
      caSubject: subjectOf(c.caCert),
      objURIs: jsonColumn<string[]>(c.objURIs, []),
      extURIs: jsonColumn<string[]>(c.extURIs, []),
      zones: jsonColumn<string[]>(c.zones, []),
      poolSize: c.poolSize,
      enabled: c.enabled,
      greeting: greeting
        ? {
            svID: greeting.svID,
            svDate: greeting.svDate,
            versions: greeting.versions,
            langs: greeting.langs,
            objURIs: greeting.objURIs,
            extURIs: greeting.extURIs,
            dcpAccess: greeting.dcp.access,
            receivedAt: iso(c.lastGreetingAt),
          }
        : null,
      state,
      lastError: live?.lastError ?? c.lastError,
      retryAt: live?.retryAt ?? null,
      failures: live?.failures ?? 0,
      sessions,
      rtt: {
        recentMs: rtts,
        lastMs: rtts[rtts.length - 1] ?? null,
        avgMs: rtts.length ? Math.round(rtts.reduce((a, b) => a + b, 0) / rtts.length) : null,
      },
      lastPollAt: iso(c.lastPollAt),
      unackedMessages: unacked,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  async list() {
    const rows = await this.d.db.eppRegistryConnection.findMany({ orderBy: { name: "asc" } });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(id: string) {
    return this.view(await connectionRow(this.d.db, id));
  }

  async create(input: ConnectionCreate) {
    const { db, box } = this.d;
    this.checkDestination(input.host, input.port ?? 700);
    if (await db.eppRegistryConnection.findUnique({ where: { name: input.name } }))
      throw new DomainError("conflict", `name: a connection named ${input.name} exists already`);
    const row = await db.eppRegistryConnection.create({
      data: {
        name: input.name,
        host: input.host,
        port: input.port ?? 700,
        servername: input.servername ?? null,
        clientId: input.clientId,
        passwordSealed: box.seal(input.password),
        clientCert: input.clientCert,
        clientKeySealed: box.seal(input.clientKey),
        caCert: input.caCert,
        objURIs: JSON.stringify(input.objURIs ?? []),
        extURIs: JSON.stringify(input.extURIs ?? []),
        zones: JSON.stringify(input.zones),
        poolSize: input.poolSize ?? 2,
        enabled: input.enabled ?? true,
        sessionState: input.enabled === false ? "disabled" : "disconnected",
      },
    });
    return this.view(row);
  }

  async update(input: ConnectionUpdate) {
    const { db, box } = this.d;
    const before = await this.get(input.id);
    if (input.host !== undefined || input.port !== undefined)
      this.checkDestination(input.host ?? before.host, input.port ?? before.port);
    await db.eppRegistryConnection.update({
      where: { id: input.id },
      data: {
        ...(input.host !== undefined && { host: input.host }),
        ...(input.port !== undefined && { port: input.port }),
        ...(input.servername !== undefined && { servername: input.servername }),
        ...(input.clientId !== undefined && { clientId: input.clientId }),
        ...(input.password !== undefined && { passwordSealed: box.seal(input.password) }),
        ...(input.clientCert !== undefined && { clientCert: input.clientCert }),
        ...(input.clientKey !== undefined && { clientKeySealed: box.seal(input.clientKey) }),
        ...(input.caCert !== undefined && { caCert: input.caCert }),
        ...(input.objURIs !== undefined && { objURIs: JSON.stringify(input.objURIs) }),
        ...(input.extURIs !== undefined && { extURIs: JSON.stringify(input.extURIs) }),
        ...(input.zones !== undefined && { zones: JSON.stringify(input.zones) }),
        ...(input.poolSize !== undefined && { poolSize: input.poolSize }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      },
    });
    // New settings take effect with new sessions.
    await this.sessions.drop(input.id);
    return { before, after: await this.get(input.id) };
  }

  async remove(id: string) {
    const before = await this.get(id);
    await this.sessions.drop(id);
    await this.transcript.flush();
    await this.d.db.eppRegistryConnection.delete({ where: { id } });
    return before;
  }

  /** Drops the sessions and connects again now (clears the backoff). */
  async reconnect(id: string) {
    await this.sessions.drop(id);
    await this.sessions.connect(await connectionRow(this.d.db, id));
    return this.get(id);
  }
}
