// RSerPool: what the UDP listeners hear (ASAP Server Announce, ENRP Presence, CSP reports), imported
// captures, the queries of the RSerPool page, and the tile. Decoding is the pure @netops/protocols code.
import type { Db } from "@netops/db";
import type { Health } from "@netops/protocols";
import {
  ASAP,
  decodeAsap,
  decodeCsp,
  decodeEnrp,
  ENRP,
  hex32,
  param,
  paramsOf,
  RserpoolDecodeError,
} from "@netops/protocols/rserpool";
import { decodeCaptureStream, type ImportResult, storeImport } from "./import";
import { DEFAULT_RSERPOOL_OPTIONS, type RserpoolOptions } from "./options";

export type Channel = "announce" | "presence" | "csp";

export interface ReceiveStats {
  datagrams: number;
  announces: number;
  presences: number;
  reports: number;
  errors: number;
  dropped: number;
}

/** Most database writes waiting at once; beyond it datagrams are counted as dropped (a flood stays bounded). */
const MAX_PENDING = 1000;

export class RserpoolService {
  readonly opts: RserpoolOptions;
  readonly stats: ReceiveStats = {
    datagrams: 0,
    announces: 0,
    presences: 0,
    reports: 0,
    errors: 0,
    dropped: 0,
  };
  /** The latest decode errors (bounded), for the page. */
  readonly recentErrors: { at: string; channel: Channel; from: string; error: string }[] = [];
  /** Listeners report what they listen on, for the tile and the page. */
  readonly listeners = new Map<Channel, string>();
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    readonly now: () => Date,
    opts: Partial<RserpoolOptions> = {},
  ) {
    this.opts = { ...DEFAULT_RSERPOOL_OPTIONS, ...opts };
  }

  /** One datagram from a listener. Never throws: bad input is counted and kept in recentErrors. */
  receive(channel: Channel, bytes: Uint8Array, from: string): void {
    this.stats.datagrams++;
    if (this.pending >= MAX_PENDING) {
      this.stats.dropped++;
      return;
    }
    let write: (() => Promise<void>) | undefined;
    try {
      write = this.decode(channel, bytes, from);
    } catch (e) {
      if (!(e instanceof RserpoolDecodeError)) throw e;
      this.stats.errors++;
      this.recentErrors.push({ at: this.now().toISOString(), channel, from, error: e.message });
      if (this.recentErrors.length > 50) this.recentErrors.shift();
      return;
    }
    if (!write) return;
    this.pending++;
    const w = write;
    this.chain = this.chain
      .then(w)
      .catch(() => {
        this.stats.dropped++;
      })
      .finally(() => {
        this.pending--;
      });
  }

  /** Resolves when every accepted datagram is stored (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  private decode(channel: Channel, bytes: Uint8Array, from: string): (() => Promise<void>) | undefined {
    const at = this.now();
    if (channel === "csp") {
      const r = decodeCsp(bytes);
      this.stats.reports++;
      return () => this.storeComponent(r, from, at);
    }
    if (channel === "announce") {
      const m = decodeAsap(bytes);
      if (m.type !== ASAP.serverAnnounce || m.serverId === undefined) return undefined;
      this.stats.announces++;
      const id = hex32(m.serverId);
      return () => this.touchRegistrar(id, [from], at, { lastAnnounce: at });
    }
    const m = decodeEnrp(bytes);
    if (m.type !== ENRP.presence) return undefined;
    this.stats.presences++;
    const addresses = [from];
    for (const si of paramsOf(m, "serverInformation"))
      for (const t of si.transports) addresses.push(...t.addresses);
    const checksum = param(m, "peChecksum")?.checksum ?? null;
    return () => this.touchRegistrar(hex32(m.senderId), addresses, at, { lastPresence: at, checksum });
  }

  private async touchRegistrar(
    serverId: string,
    seenAt: string[],
    at: Date,
    data: { lastAnnounce?: Date; lastPresence?: Date; checksum?: number | null },
  ): Promise<void> {
    const old = await this.db.rserpoolRegistrar.findUnique({ where: { serverId } });
    const addresses = [
      ...new Set([...(old ? (JSON.parse(old.addresses) as string[]) : []), ...seenAt]),
    ].slice(0, 16);
    // A registrar heard again is active (a takeover of it is history, kept in the events).
    const status = data.lastPresence ? "active" : (old?.status ?? "active");
    if (old)
      await this.db.rserpoolRegistrar.update({
        where: { serverId },
        data: { ...data, addresses: JSON.stringify(addresses), status, source: "udp" },
      });
    else {
      await this.db.rserpoolRegistrar.create({
        data: {
          serverId,
          firstSeen: at,
          addresses: JSON.stringify(addresses),
          status,
          source: "udp",
          ...data,
        },
      });
      await this.db.rserpoolEvent.create({
        data: {
          at,
          kind: "registrar-found",
          registrar: serverId,
          detail: `registrar ${serverId} heard at ${seenAt[0]}`,
          source: "udp",
        },
      });
    }
  }

  private async storeComponent(r: ReturnType<typeof decodeCsp>, from: string, at: Date): Promise<void> {
    const data = {
      group: r.group,
      groupName: r.groupName,
      address: from,
      location: r.location,
      status: r.status,
      workload: r.workload,
      uptimeMs: r.timestampUs / 1000,
      reportIntervalMs: Math.round(r.reportIntervalUs / 1000),
      associations: JSON.stringify(r.associations),
      lastReport: at,
    };
    await this.db.rserpoolComponent.upsert({
      where: { senderId: r.senderId },
      create: { senderId: r.senderId, ...data },
      update: data,
    });
  }

  /** Imports a capture (pcap or pcapng, streamed); its handlespace and events are stored. */
  async importCapture(
    name: string,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<ImportResult> {
    const { stats, issues, snapshot } = await decodeCaptureStream(chunks, this.opts.maxCaptureBytes);
    return storeImport(this.db, name, stats, issues, snapshot);
  }

  async overview() {
    const [registrars, pes, components, captures] = await Promise.all([
      this.db.rserpoolRegistrar.findMany({ orderBy: { serverId: "asc" } }),
      this.db.rserpoolPoolElement.findMany({ orderBy: [{ pool: "asc" }, { peId: "asc" }], take: 5000 }),
      this.db.rserpoolComponent.findMany({ orderBy: { senderId: "asc" }, take: 1000 }),
      this.db.rserpoolCapture.findMany({ orderBy: { id: "desc" }, take: 20 }),
    ]);
    const pools = new Map<
      string,
      { name: string; policy: string | null; registered: number; total: number; minimum: number | null }
    >();
    for (const pe of pes) {
      const p = pools.get(pe.pool) ?? {
        name: pe.pool,
        policy: pe.policy,
        registered: 0,
        total: 0,
        minimum: this.opts.poolMinimum[pe.pool] ?? null,
      };
      p.total++;
      if (pe.state === "registered") p.registered++;
      p.policy ??= pe.policy;
      pools.set(pe.pool, p);
    }
    for (const [name, minimum] of Object.entries(this.opts.poolMinimum))
      if (!pools.has(name)) pools.set(name, { name, policy: null, registered: 0, total: 0, minimum });
    return {
      registrars: registrars.map((r) => ({
        serverId: r.serverId,
        addresses: JSON.parse(r.addresses) as string[],
        firstSeen: r.firstSeen.toISOString(),
        lastPresence: r.lastPresence?.toISOString() ?? null,
        lastAnnounce: r.lastAnnounce?.toISOString() ?? null,
        checksum: r.checksum,
        expectedChecksum: expectedChecksum(pes, r.serverId),
        disagreeSince: r.disagreeSince?.toISOString() ?? null,
        status: r.status,
        takenOverBy: r.takenOverBy,
        source: r.source,
      })),
      pools: [...pools.values()],
      pes: pes.map((p) => ({
        pool: p.pool,
        peId: p.peId,
        policy: p.policy,
        home: p.home,
        address: p.address,
        load: p.load,
        registrationLifeMs: p.registrationLifeMs,
        registeredAt: p.registeredAt.toISOString(),
        lastSeen: p.lastSeen.toISOString(),
        state: p.state,
        unreachableReports: p.unreachableReports,
      })),
      components: components.map((c) => ({
        senderId: c.senderId,
        groupName: c.groupName,
        address: c.address,
        location: c.location,
        status: c.status,
        workload: c.workload,
        uptimeMs: c.uptimeMs,
        reportIntervalMs: c.reportIntervalMs,
        associations: (JSON.parse(c.associations) as { receiverId: string; ppid: number }[]).length,
        lastReport: c.lastReport.toISOString(),
      })),
      captures: captures.map((c) => ({
        id: c.id,
        name: c.name,
        importedAt: c.importedAt.toISOString(),
        frames: c.frames,
        messages: c.messages,
        csp: c.csp,
        errors: c.errors,
      })),
      listeners: [...this.listeners].map(([channel, detail]) => ({ channel, detail })),
      stats: { ...this.stats },
      recentErrors: [...this.recentErrors].reverse(),
    };
  }

  async events(q: { kinds?: string[]; pool?: string; peId?: string; limit: number; beforeId?: number }) {
    const rows = await this.db.rserpoolEvent.findMany({
      where: {
        ...(q.kinds?.length ? { kind: { in: q.kinds } } : {}),
        ...(q.pool ? { pool: q.pool } : {}),
        ...(q.peId ? { peId: q.peId } : {}),
        ...(q.beforeId ? { id: { lt: q.beforeId } } : {}),
      },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: q.limit + 1,
    });
    return {
      items: rows
        .slice(0, q.limit)
        .map((e) => ({ ...e, at: e.at.toISOString(), receivedAt: e.receivedAt.toISOString() })),
      more: rows.length > q.limit,
    };
  }

  async health(): Promise<{ health: Health; summary: string }> {
    const [registrars, registered, captures] = await Promise.all([
      this.db.rserpoolRegistrar.count(),
      this.db.rserpoolPoolElement.count({ where: { state: "registered" } }),
      this.db.rserpoolCapture.count(),
    ]);
    if (this.listeners.size === 0 && registrars === 0 && captures === 0)
      return { health: "not_configured", summary: "No RSerPool listener configured and no capture imported" };
    const silent = await this.db.rserpoolRegistrar.count({
      where: {
        source: "udp",
        lastPresence: { lt: new Date(this.now().getTime() - this.opts.registrarSilenceMs) },
      },
    });
    const where = this.listeners.size
      ? `listening on ${this.listeners.size} channel${this.listeners.size === 1 ? "" : "s"}`
      : "no listener";
    return {
      health: silent > 0 ? "degraded" : "ok",
      summary: `${registrars} registrar${registrars === 1 ? "" : "s"}${silent ? ` (${silent} silent)` : ""}, ${registered} registered PE${registered === 1 ? "" : "s"}; ${where}`,
    };
  }
}

/** The RFC 5353 §3.6.2 checksum of the registered PEs homed at `serverId`, as the known handlespace has them. */
export function expectedChecksum(
  pes: { poolHandle: string; peId: string; home: string; state: string }[],
  serverId: string,
): number {
  let sum = 0;
  for (const p of pes) {
    if (p.state !== "registered" || p.home !== serverId) continue;
    for (let i = 0; i < p.poolHandle.length; i += 4)
      sum += Number.parseInt(p.poolHandle.slice(i, i + 4).padEnd(4, "0"), 16);
    const id = Number.parseInt(p.peId, 16);
    sum += (id >>> 16) + (id & 0xffff);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
