/**
 * The registry's poll queue (RFC 5730 <poll>): messages drained by the job, stored and alerted on
 * before they are acknowledged at the registry, then acknowledged by operators in the console.
 */
import { alertSourceOf } from "@netops/protocols";
import type { ResData } from "@netops/protocols/epp";
import { DomainError } from "../../errors";
import { jsonColumn } from "../../json-column";
import type { CommandResult } from "./session";
import type { RegistrySessions } from "./sessions";
import { type ConnRow, connectionRow, dateOrNull, iso, type RegistryDeps } from "./shared";

/** What a poll message is about, decoded from its resData. */
export function decodePollMessage(
  resData: ResData[],
  clientId: string,
): {
  kind: "transfer" | "pending-action" | "server";
  object: string | null;
  transferAway: boolean;
  data: unknown;
} {
  for (const r of resData) {
    if (r.kind === "domain:trnData") {
      const t = r.transfer;
      // Away: another client asked for a domain we sponsor (we are the acting client).
      const away = t.acID === clientId && t.reID !== clientId;
      return { kind: "transfer", object: t.name, transferAway: away, data: t };
    }
    if (r.kind === "domain:panData" || r.kind === "host:panData" || r.kind === "contact:panData")
      return { kind: "pending-action", object: r.data.name, transferAway: false, data: r.data };
  }
  return { kind: "server", object: null, transferAway: false, data: null };
}

export class RegistryPoll {
  constructor(
    private readonly d: RegistryDeps,
    private readonly sessions: RegistrySessions,
  ) {}

  /** Stores a message read at the head of the queue and raises its alert (once per message). */
  private async storePoll(c: ConnRow, r: CommandResult): Promise<boolean> {
    const q = r.response.msgQ;
    if (!q) return false;
    const existing = await this.d.db.eppPollMessage.findUnique({
      where: { connectionId_msgId: { connectionId: c.id, msgId: q.id } },
    });
    if (existing) return false;
    const decoded = decodePollMessage(r.response.resData, c.clientId);
    const text = q.msg ?? "(no text)";
    const row = await this.d.db.eppPollMessage.create({
      data: {
        connectionId: c.id,
        msgId: q.id,
        qDate: dateOrNull(q.qDate),
        text,
        kind: decoded.kind,
        object: decoded.object,
        data: JSON.stringify(decoded.data),
        transferAway: decoded.transferAway,
        receivedAt: this.d.now(),
      },
    });
    await this.d.alerts.raise({
      source: alertSourceOf("registry"),
      severity: decoded.transferAway ? "warning" : "info",
      labels: { connection: c.name, message: q.id },
      summary: decoded.transferAway
        ? `Transfer away requested: ${decoded.object} (${c.name})`
        : `Registry message from ${c.name}: ${text.slice(0, 200)}`,
      details: `Poll message ${q.id}${q.qDate ? ` queued ${q.qDate}` : ""}: ${text}`,
      links: [{ label: "Poll queue", href: `/registry/poll?message=${row.id}` }],
    });
    return true;
  }

  /**
   * Drains the registry's queue, at most `pollBatch` messages per call: each message is stored
   * (raising its alert) BEFORE it is acknowledged at the registry, so none is lost; a message
   * whose registry ack failed is seen again next run and only acknowledged then. Operators then
   * acknowledge the console's copy (ackPoll), which resolves the alert.
   */
  async pollOnce(connectionId: string): Promise<{ read: number; newMessages: number; remaining: number }> {
    const c = await connectionRow(this.d.db, connectionId);
    const max = this.d.opts.pollBatch ?? 50;
    let read = 0;
    let newMessages = 0;
    let remaining = 0;
    try {
      for (let i = 0; i < max; i++) {
        const r = await this.sessions.send(c, { cmd: "poll", op: "req" });
        const q = r.response.msgQ;
        if (r.code !== 1301 || !q) {
          remaining = 0;
          break;
        }
        read += 1;
        if (await this.storePoll(c, r)) newMessages += 1;
        const ack = await this.sessions.send(c, { cmd: "poll", op: "ack", msgID: q.id });
        // 2303: already gone from the queue (acknowledged by another session): nothing to redo.
        if (!ack.ok && ack.code !== 2303) {
          remaining = q.count;
          break;
        }
        remaining = ack.response.msgQ?.count ?? 0;
        if (remaining === 0) break;
      }
    } finally {
      await this.d.db.eppRegistryConnection.update({
        where: { id: c.id },
        data: { lastPollAt: this.d.now() },
      });
    }
    return { read, newMessages, remaining };
  }

  async listPoll(f: { connectionId?: string | undefined; includeAcked?: boolean }) {
    const rows = await this.d.db.eppPollMessage.findMany({
      where: {
        ...(f.connectionId && { connectionId: f.connectionId }),
        ...(!f.includeAcked && { ackedAt: null }),
      },
      include: { connection: { select: { name: true } } },
      orderBy: { id: "desc" },
      take: 500,
    });
    return rows.map(pollView);
  }

  /** One message by the console's id, acknowledged or not (an alert's link opens it, wherever it is in the list). */
  async getPoll(id: number) {
    const m = await this.d.db.eppPollMessage.findUnique({
      where: { id },
      include: { connection: { select: { name: true } } },
    });
    if (!m) throw new DomainError("not-found", `no poll message ${id}`);
    return pollView(m);
  }

  /**
   * The operator's acknowledgement of the console's copy (the registry's queue was already
   * acknowledged when the message was stored): resolves the message's alert.
   */
  async ackPoll(id: number, by: string) {
    const m = await this.d.db.eppPollMessage.findUnique({ where: { id }, include: { connection: true } });
    if (!m) throw new DomainError("not-found", `no poll message ${id}`);
    if (m.ackedAt)
      throw new DomainError("conflict", `message ${m.msgId} was acknowledged by ${m.ackedBy ?? "?"}`);
    const ackedAt = this.d.now();
    await this.d.db.eppPollMessage.update({ where: { id }, data: { ackedAt, ackedBy: by } });
    await this.d.alerts.clear(
      "epp",
      { connection: m.connection.name, message: m.msgId },
      `acknowledged by ${by}`,
    );
    return {
      message: { id: m.id, msgId: m.msgId, text: m.text, ackedAt: ackedAt.toISOString(), ackedBy: by },
    };
  }
}

type PollRow = {
  id: number;
  connectionId: string;
  msgId: string;
  qDate: Date | null;
  text: string;
  kind: string;
  object: string | null;
  data: string | null;
  transferAway: boolean;
  receivedAt: Date;
  ackedAt: Date | null;
  ackedBy: string | null;
  connection: { name: string };
};

function pollView(m: PollRow) {
  return {
    id: m.id,
    connectionId: m.connectionId,
    connectionName: m.connection.name,
    msgId: m.msgId,
    qDate: iso(m.qDate),
    text: m.text,
    kind: m.kind as "transfer" | "pending-action" | "server",
    object: m.object,
    data: jsonColumn<Record<string, unknown> | null>(m.data, null),
    transferAway: m.transferAway,
    receivedAt: m.receivedAt.toISOString(),
    ackedAt: iso(m.ackedAt),
    ackedBy: m.ackedBy,
  };
}
