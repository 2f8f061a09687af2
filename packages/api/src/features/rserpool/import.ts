// A capture, streamed through the pure decoder and handlespace model, then stored: the capture's
// report, its events, the registrars and the pool elements as the capture leaves them.
import type { Db } from "@netops/db";
import {
  CaptureDecoder,
  type CaptureStats,
  Handlespace,
  type HandlespaceSnapshot,
  hex32,
  type PcapIssue,
} from "@netops/protocols/rserpool";

export interface ImportResult {
  captureId: number;
  name: string;
  stats: CaptureStats;
  issues: PcapIssue[];
  pools: number;
  pes: number;
  registrars: number;
  events: number;
}

export class CaptureTooLarge extends Error {}

/** Decodes a capture arriving in chunks; bounded by `maxBytes` (the rest is refused, not buffered). */
export async function decodeCaptureStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
) {
  const hs = new Handlespace();
  const dec = new CaptureDecoder((i) => hs.applyItem(i));
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > maxBytes) throw new CaptureTooLarge(`capture larger than ${maxBytes} bytes`);
    dec.push(c);
  }
  const stats = dec.end();
  return { stats, issues: [...dec.pcap.issues, ...dec.frameIssues], snapshot: hs.snapshot() };
}

const iso = (ms: number) => new Date(Math.round(ms));

export async function storeImport(
  db: Db,
  name: string,
  stats: CaptureStats,
  issues: PcapIssue[],
  s: HandlespaceSnapshot,
): Promise<ImportResult> {
  const capture = await db.rserpoolCapture.create({
    data: {
      name: name.slice(0, 255),
      bytes: stats.bytes,
      frames: stats.frames,
      messages: stats.asap + stats.enrp,
      csp: stats.csp,
      errors: stats.errors,
      report: JSON.stringify({
        stats,
        issues: issues.slice(0, 50),
        issueCount: issues.length,
        droppedEvents: s.droppedEvents,
      }),
    },
  });
  // Events in batches (a long capture has thousands).
  for (let i = 0; i < s.events.length; i += 500) {
    await db.rserpoolEvent.createMany({
      data: s.events.slice(i, i + 500).map((e) => ({
        at: iso(e.timeMs),
        kind: e.kind,
        pool: e.pool ?? null,
        peId: e.peId === undefined ? null : hex32(e.peId),
        registrar: e.registrar === undefined ? null : hex32(e.registrar),
        by: e.by === undefined ? null : hex32(e.by),
        detail: e.detail.slice(0, 1000),
        source: "capture",
        captureId: capture.id,
        frame: e.frame ?? null,
      })),
    });
  }
  for (const r of s.registrars) {
    const serverId = hex32(r.id);
    const old = await db.rserpoolRegistrar.findUnique({ where: { serverId } });
    const addresses = [
      ...new Set([...(old ? (JSON.parse(old.addresses) as string[]) : []), ...r.addresses]),
    ].slice(0, 16);
    const data = {
      addresses: JSON.stringify(addresses),
      status: r.status,
      takenOverBy: r.takenOverBy === undefined ? null : hex32(r.takenOverBy),
      checksum: r.announcedChecksum ?? old?.checksum ?? null,
    };
    if (old) await db.rserpoolRegistrar.update({ where: { serverId }, data });
    else
      await db.rserpoolRegistrar.create({
        data: { serverId, firstSeen: iso(r.firstSeenMs), source: "capture", ...data },
      });
  }
  // PEs: the ones still registered when the capture ends, and the last state of those that left.
  const rows = [
    ...s.pes.map((p) => ({ ...p, state: "registered" as const, removedAtMs: p.lastSeenMs })),
    ...s.removed,
  ];
  for (const pe of rows) {
    const peId = hex32(pe.id);
    const data = {
      pool: pe.pool,
      policy: pe.policy?.name ?? null,
      policyJson: pe.policy ? JSON.stringify(pe.policy) : null,
      home: hex32(pe.homeRegistrar),
      address: pe.address ?? null,
      transports: JSON.stringify({ user: pe.userTransport ?? null, asap: pe.asapTransport ?? null }),
      load: pe.load ?? null,
      registrationLifeMs: pe.registrationLifeMs,
      registeredAt: iso(pe.registeredAtMs),
      lastSeen: iso(Math.max(pe.lastSeenMs, pe.removedAtMs)),
      state: pe.state,
      unreachableReports: pe.unreachableReports,
    };
    await db.rserpoolPoolElement.upsert({
      where: { poolHandle_peId: { poolHandle: pe.poolHandle, peId } },
      create: { poolHandle: pe.poolHandle, peId, ...data },
      update: data,
    });
  }
  return {
    captureId: capture.id,
    name,
    stats,
    issues: issues.slice(0, 50),
    pools: new Set(rows.map((p) => p.pool)).size,
    pes: s.pes.length,
    registrars: s.registrars.length,
    events: s.events.length,
  };
}
