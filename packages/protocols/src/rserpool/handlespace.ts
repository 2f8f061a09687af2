// The handlespace rebuilt from captured or received messages, applied in order: pools, PEs,
// registrars and the events an operator cares about. Pure; time comes from the messages.

import { fromHex, hex32 } from "./bytes";
import type { CaptureItem } from "./capture";
import { foldChecksum, peChecksumPart } from "./checksum";
import type {
  HandlespaceEvent,
  HandlespaceEventKind,
  HandlespaceOptions,
  HandlespaceSnapshot,
  PeView,
  RegistrarView,
  RemovedPe,
} from "./handlespace-types";
import { ASAP, type AsapMessage, ENRP, type EnrpMessage, param, paramsOf } from "./message";
import type { PoolElement } from "./params";

export * from "./handlespace-types";

interface Meta {
  timeMs: number;
  frame?: number;
  src: string;
  dst: string;
}

const peKey = (handle: string, id: number): string => `${handle}/${id}`;

export class Handlespace {
  private pes = new Map<string, PeView>();
  private removed = new Map<string, RemovedPe>();
  private registrars = new Map<number, RegistrarView>();
  private byAddress = new Map<string, number>();
  private pending = new Map<string, PoolElement>();
  private events: HandlespaceEvent[] = [];
  private lastEvent = new Map<string, number>();
  private droppedEvents = 0;
  private nowMs = 0;
  private readonly timeoutMs: number;
  private readonly maxEvents: number;
  private readonly maxPes: number;
  private readonly dedupeMs: number;

  constructor(o: HandlespaceOptions = {}) {
    this.timeoutMs = o.registrarTimeoutMs ?? 5000;
    this.maxEvents = o.maxEvents ?? 10000;
    this.maxPes = o.maxPes ?? 100000;
    this.dedupeMs = o.dedupeMs ?? 1000;
  }

  /** Applies one decoded capture item (errors and empty payloads change nothing). */
  applyItem(i: CaptureItem): void {
    if (i.kind === "asap") this.applyAsap(i.message, i);
    else if (i.kind === "enrp") this.applyEnrp(i.message, i);
  }

  private event(
    kind: HandlespaceEventKind,
    m: Meta,
    e: Omit<HandlespaceEvent, "kind" | "timeMs" | "frame">,
  ): void {
    const key = `${kind}|${e.pool ?? ""}|${e.peId ?? ""}|${e.registrar ?? ""}|${e.by ?? ""}`;
    const last = this.lastEvent.get(key);
    if (last !== undefined && m.timeMs - last < this.dedupeMs) return;
    this.lastEvent.set(key, m.timeMs);
    if (this.events.length >= this.maxEvents) {
      this.events.shift();
      this.droppedEvents++;
    }
    this.events.push({ kind, timeMs: m.timeMs, ...(m.frame !== undefined ? { frame: m.frame } : {}), ...e });
  }

  private registrar(id: number, m: Meta, address?: string): RegistrarView {
    let r = this.registrars.get(id);
    if (!r) {
      r = {
        id,
        addresses: [],
        firstSeenMs: m.timeMs,
        computedChecksum: 0xffff,
        maxPresenceGapMs: 0,
        peers: [],
        status: "active",
      };
      this.registrars.set(id, r);
      this.event("registrar-found", m, {
        registrar: id,
        detail: `registrar ${hex32(id)} seen${address ? ` at ${address}` : ""}`,
      });
    }
    if (address && !r.addresses.includes(address) && r.addresses.length < 16) r.addresses.push(address);
    if (address) this.byAddress.set(address, id);
    return r;
  }

  /** Moves the clock: registrars silent too long are lost, PEs past their registration life expire. */
  advance(nowMs: number): void {
    if (nowMs < this.nowMs) return;
    this.nowMs = nowMs;
    const m = { timeMs: nowMs, src: "", dst: "" };
    for (const r of this.registrars.values()) {
      if (r.status !== "active" || r.lastPresenceMs === undefined) continue;
      if (nowMs - r.lastPresenceMs > this.timeoutMs) {
        r.status = "lost";
        this.event("registrar-lost", m, {
          registrar: r.id,
          detail: `no Presence from ${hex32(r.id)} for ${Math.round(nowMs - r.lastPresenceMs)} ms`,
        });
      }
    }
    for (const [k, pe] of this.pes) {
      if (pe.registrationLifeMs > 0 && nowMs - pe.lastSeenMs > pe.registrationLifeMs) {
        this.pes.delete(k);
        this.gone(k, pe, "expired", nowMs);
        this.event("expired", m, {
          pool: pe.pool,
          peId: pe.id,
          registrar: pe.homeRegistrar,
          detail: `registration life ${pe.registrationLifeMs} ms passed`,
        });
      }
    }
  }

  private upsert(
    handle: string,
    text: string,
    pe: PoolElement,
    home: number,
    m: Meta,
    how: "registration" | "update" | "table",
  ): void {
    const k = peKey(handle, pe.id);
    const old = this.pes.get(k);
    const load = pe.policy?.percent.load;
    if (!old && this.pes.size >= this.maxPes) return;
    const view: PeView = {
      id: pe.id,
      poolHandle: handle,
      pool: text,
      registrationLifeMs: pe.registrationLife,
      homeRegistrar: home,
      // A registration echoed by Handle Updates within the dedupe window is the same registration.
      registeredAtMs:
        old && (how === "table" || m.timeMs - old.registeredAtMs < this.dedupeMs)
          ? old.registeredAtMs
          : m.timeMs,
      lastSeenMs: m.timeMs,
      unreachableReports: old?.unreachableReports ?? 0,
      ...(pe.policy ? { policy: pe.policy } : {}),
      ...(pe.userTransport
        ? { userTransport: pe.userTransport, address: pe.userTransport.addresses[0] }
        : {}),
      ...(pe.asapTransport ? { asapTransport: pe.asapTransport } : {}),
      ...(load !== undefined ? { load } : {}),
    };
    this.pes.set(k, view);
    this.removed.delete(k);
    const who = { pool: text, peId: pe.id, registrar: home };
    if (!old)
      this.event("registered", m, {
        ...who,
        detail: `${hex32(pe.id)} in ${text} at ${hex32(home)} (${how})`,
      });
    else if (how !== "table" && m.timeMs - old.registeredAtMs >= this.dedupeMs)
      this.event("re-registered", m, { ...who, detail: `${hex32(pe.id)} in ${text} at ${hex32(home)}` });
    if (old && old.load !== view.load)
      this.event("load-changed", m, {
        ...who,
        detail: `load ${old.load?.toFixed(2) ?? "-"}% -> ${view.load?.toFixed(2) ?? "-"}%`,
      });
    if (old && old.homeRegistrar !== home)
      this.event("home-changed", m, {
        ...who,
        by: home,
        detail: `home ${hex32(old.homeRegistrar)} -> ${hex32(home)}`,
      });
  }

  private gone(k: string, pe: PeView, state: RemovedPe["state"], at: number): void {
    this.removed.delete(k);
    if (this.removed.size >= this.maxPes) this.removed.delete(this.removed.keys().next().value as string);
    this.removed.set(k, { ...pe, state, removedAtMs: at });
  }

  private remove(handle: string, text: string, id: number, m: Meta, why: string): void {
    const pe = this.pes.get(peKey(handle, id));
    if (!pe) return;
    this.pes.delete(peKey(handle, id));
    this.gone(peKey(handle, id), pe, "deregistered", m.timeMs);
    this.event("deregistered", m, {
      pool: text,
      peId: id,
      registrar: pe.homeRegistrar,
      detail: `${hex32(id)} left ${text} (${why})`,
    });
  }

  applyAsap(msg: AsapMessage, m: Meta): void {
    this.advance(m.timeMs);
    const ph = param(msg, "poolHandle");
    const peId = param(msg, "peIdentifier")?.id;
    switch (msg.type) {
      case ASAP.serverAnnounce:
        if (msg.serverId !== undefined) this.registrar(msg.serverId, m, m.src).lastAnnounceMs = m.timeMs;
        return;
      case ASAP.registration: {
        const pe = param(msg, "poolElement")?.pe;
        if (ph && pe) this.pending.set(peKey(ph.handle, pe.id), pe);
        if (this.pending.size > 4096) this.pending.delete(this.pending.keys().next().value as string);
        return;
      }
      case ASAP.registrationResponse: {
        if (!ph || peId === undefined || msg.bits.R) return;
        const pe = this.pending.get(peKey(ph.handle, peId));
        if (!pe) return;
        this.pending.delete(peKey(ph.handle, peId));
        const home = this.byAddress.get(m.src) ?? pe.homeRegistrar;
        this.upsert(ph.handle, ph.text, pe, home, m, "registration");
        return;
      }
      case ASAP.deregistrationResponse:
        if (ph && peId !== undefined && !msg.bits.R)
          this.remove(ph.handle, ph.text, peId, m, "ASAP Deregistration");
        return;
      case ASAP.endpointKeepAlive: {
        if (!ph || peId === undefined || msg.serverId === undefined) return;
        const pe = this.pes.get(peKey(ph.handle, peId));
        if (msg.bits.H && pe && pe.homeRegistrar !== msg.serverId) {
          const from = pe.homeRegistrar;
          pe.homeRegistrar = msg.serverId;
          this.event("home-changed", m, {
            pool: ph.text,
            peId,
            registrar: from,
            by: msg.serverId,
            detail: `Keep-Alive H=1: home ${hex32(from)} -> ${hex32(msg.serverId)}`,
          });
        }
        return;
      }
      case ASAP.endpointKeepAliveAck: {
        const pe = ph && peId !== undefined ? this.pes.get(peKey(ph.handle, peId)) : undefined;
        if (pe) pe.lastSeenMs = m.timeMs;
        return;
      }
      case ASAP.endpointUnreachable: {
        if (!ph || peId === undefined) return;
        const pe = this.pes.get(peKey(ph.handle, peId));
        if (pe) pe.unreachableReports++;
        this.event("unreachable", m, { pool: ph.text, peId, detail: `reported unreachable by ${m.src}` });
        return;
      }
    }
  }

  applyEnrp(msg: EnrpMessage, m: Meta): void {
    this.advance(m.timeMs);
    const sender = this.registrar(msg.senderId, m, m.src);
    if (msg.receiverId !== 0 && !sender.peers.includes(msg.receiverId) && sender.peers.length < 64)
      sender.peers.push(msg.receiverId);
    switch (msg.type) {
      case ENRP.presence: {
        if (sender.lastPresenceMs !== undefined)
          sender.maxPresenceGapMs = Math.max(sender.maxPresenceGapMs, m.timeMs - sender.lastPresenceMs);
        sender.lastPresenceMs = m.timeMs;
        if (sender.status === "lost") sender.status = "active";
        const ck = param(msg, "peChecksum");
        if (ck) sender.announcedChecksum = ck.checksum;
        for (const si of paramsOf(msg, "serverInformation"))
          for (const t of si.transports) for (const a of t.addresses) this.registrar(si.id, m, a);
        return;
      }
      case ENRP.handleUpdate: {
        const ph = param(msg, "poolHandle");
        const pe = param(msg, "poolElement")?.pe;
        if (!ph || !pe) return;
        if (msg.updateAction === 0) this.upsert(ph.handle, ph.text, pe, pe.homeRegistrar, m, "update");
        else
          this.remove(ph.handle, ph.text, pe.id, m, `ENRP Handle Update DEL_PE from ${hex32(msg.senderId)}`);
        return;
      }
      case ENRP.handleTableResponse: {
        let handle: { handle: string; text: string } | undefined;
        for (const p of msg.params) {
          if (p.kind === "poolHandle") handle = p;
          else if (p.kind === "poolElement" && handle)
            this.upsert(handle.handle, handle.text, p.pe, p.pe.homeRegistrar, m, "table");
        }
        return;
      }
      case ENRP.initTakeover:
        if (msg.targetId === undefined) return;
        this.event("takeover-started", m, {
          registrar: msg.targetId,
          by: msg.senderId,
          detail: `${hex32(msg.senderId)} starts taking over ${hex32(msg.targetId)}`,
        });
        return;
      case ENRP.takeoverServer: {
        if (msg.targetId === undefined) return;
        const target = this.registrar(msg.targetId, m);
        if (target.status !== "taken-over" || target.takenOverBy !== msg.senderId) {
          target.status = "taken-over";
          target.takenOverBy = msg.senderId;
          let moved = 0;
          for (const pe of this.pes.values())
            if (pe.homeRegistrar === msg.targetId) {
              pe.homeRegistrar = msg.senderId;
              moved++;
              this.event("home-changed", m, {
                pool: pe.pool,
                peId: pe.id,
                registrar: msg.targetId,
                by: msg.senderId,
                detail: `taken over by ${hex32(msg.senderId)}`,
              });
            }
          this.event("taken-over", m, {
            registrar: msg.targetId,
            by: msg.senderId,
            detail: `${hex32(msg.targetId)} taken over by ${hex32(msg.senderId)} (${moved} PEs)`,
          });
        }
        return;
      }
    }
  }

  snapshot(): HandlespaceSnapshot {
    const sums = new Map<number, number>();
    const pools = new Map<string, { handle: string; name: string; policy?: string; pes: number[] }>();
    for (const pe of this.pes.values()) {
      const h = fromHex(pe.poolHandle) ?? new Uint8Array(0);
      sums.set(pe.homeRegistrar, (sums.get(pe.homeRegistrar) ?? 0) + peChecksumPart(h, pe.id));
      let p = pools.get(pe.poolHandle);
      if (!p) {
        p = {
          handle: pe.poolHandle,
          name: pe.pool,
          pes: [],
          ...(pe.policy ? { policy: pe.policy.name } : {}),
        };
        pools.set(pe.poolHandle, p);
      }
      p.pes.push(pe.id);
    }
    const registrars = [...this.registrars.values()].map((r) => ({
      ...r,
      computedChecksum: foldChecksum(sums.get(r.id) ?? 0),
      peers: [...r.peers],
      addresses: [...r.addresses],
    }));
    return {
      pools: [...pools.values()].sort((a, b) => a.name.localeCompare(b.name)),
      pes: [...this.pes.values()]
        .map((p) => ({ ...p }))
        .sort((a, b) => a.pool.localeCompare(b.pool) || a.id - b.id),
      registrars: registrars.sort((a, b) => a.id - b.id),
      removed: [...this.removed.values()].map((p) => ({ ...p })),
      events: [...this.events],
      droppedEvents: this.droppedEvents,
    };
  }
}
