/**
 * EPP ↔ RDAP consistency verdicts over time. Each run of the checker hands every object it
 * compared to `record`, which compares the verdict (the finding kinds, or "consistent") with the
 * one stored for the object (RdapConsistencyState; no row = consistent) and writes an
 * RdapConsistencyChange when it differs. The timeline reads the changes (`rdapTimeline`).
 */
import type { Db } from "@netops/db";
import { CONSISTENT, consistencyChangeEvent, type EntityRef } from "@netops/protocols";
import { jsonColumn } from "../../json-column";
import type { TimelineQuery, TimelineSource } from "../../modules/contract";
import { nameKey } from "../../search/recent";
import type { Services } from "../../services";
import { normalizeIp } from "./consistency";

/** One object the checker compared, with what it found (no findings: the two views agree). */
export interface CheckedObject {
  objectType: "host" | "domain";
  name: string;
  findings: { kind: string; message: string }[];
  /** A host's addresses as EPP has them (address entity filters find its changes by them). */
  addresses?: string[];
}

/** What the checker writes to (absent in tests that check findings only). */
export interface ConsistencyHistorySink {
  record(connectionId: string, objects: CheckedObject[], at: Date): Promise<number>;
}

/** The object's verdict, or null when it is unknown (only RDAP errors: nothing could be compared). */
export function verdictOf(findings: CheckedObject["findings"]): string | null {
  const kinds = [...new Set(findings.filter((f) => f.kind !== "rdap-error").map((f) => f.kind))].sort();
  if (kinds.length) return kinds.join(",");
  return findings.length ? null : CONSISTENT;
}

const MESSAGE_MAX = 1000;

export class ConsistencyHistory implements ConsistencyHistorySink {
  constructor(private readonly db: Db) {}

  /**
   * One connection's run. The stored verdict moves first, conditionally on the one read, so two
   * runs at once write one change. Objects not compared this run (gone, out of zone) lose their
   * stored verdict without an event: their alert's resolution says so. Returns the changes written.
   */
  async record(connectionId: string, objects: CheckedObject[], at: Date): Promise<number> {
    const stored = new Map(
      (await this.db.rdapConsistencyState.findMany({ where: { connectionId } })).map((r) => [
        `${r.objectType}\u0000${r.name}`,
        r.verdict,
      ]),
    );
    const seen = new Set<string>();
    let written = 0;
    for (const o of objects) {
      const name = nameKey(o.name);
      const key = `${o.objectType}\u0000${name}`;
      seen.add(key);
      const verdict = verdictOf(o.findings);
      const previous = stored.get(key) ?? CONSISTENT;
      if (verdict === null || verdict === previous) continue;
      const id = { connectionId, objectType: o.objectType, name };
      if (!(await this.moveState(id, previous, verdict, at))) continue;
      await this.db.rdapConsistencyChange.create({
        data: {
          ...id,
          at,
          verdict,
          previous,
          message: o.findings
            .map((f) => `${f.kind}: ${f.message}`)
            .join("\n")
            .slice(0, MESSAGE_MAX),
          addresses: JSON.stringify((o.addresses ?? []).map(normalizeIp)),
        },
      });
      written += 1;
    }
    const left = [...stored.keys()].filter((k) => !seen.has(k));
    for (const k of left) {
      const [objectType, name] = k.split("\u0000") as [string, string];
      await this.db.rdapConsistencyState.deleteMany({ where: { connectionId, objectType, name } });
    }
    return written;
  }

  /** previous → verdict in RdapConsistencyState; false when another run moved it first. */
  private async moveState(
    id: { connectionId: string; objectType: string; name: string },
    previous: string,
    verdict: string,
    at: Date,
  ): Promise<boolean> {
    if (verdict === CONSISTENT)
      return (
        (await this.db.rdapConsistencyState.deleteMany({ where: { ...id, verdict: previous } })).count === 1
      );
    if (previous !== CONSISTENT)
      return (
        (
          await this.db.rdapConsistencyState.updateMany({
            where: { ...id, verdict: previous },
            data: { verdict, since: at },
          })
        ).count === 1
      );
    try {
      await this.db.rdapConsistencyState.create({ data: { ...id, verdict, since: at } });
      return true;
    } catch (e) {
      // P2002: another run stored it first. P2003: the connection was deleted during the run
      // (its verdicts went with it), so there is nothing to record.
      const code = (e as { code?: unknown }).code;
      if (code === "P2002" || code === "P2003") return false;
      throw e;
    }
  }

  /** Housekeeping: changes older than `days` go (the current verdicts stay). */
  async purge(days: number, now: Date): Promise<number> {
    const r = await this.db.rdapConsistencyChange.deleteMany({
      where: { at: { lt: new Date(now.getTime() - days * 86_400_000) } },
    });
    return r.count;
  }
}

/** The rows an entity names: a host or domain by name, a host by one of its addresses. */
function entityWhere(e: EntityRef): { name: string } | { addresses: { contains: string } } | null {
  if (e.type === "name") return { name: nameKey(e.value) };
  // Addresses are stored as a JSON array of canonical text: the quoted address matches it exactly.
  if (e.type === "ip") return { addresses: { contains: JSON.stringify(normalizeIp(e.value)) } };
  return null;
}

/** Consistency changes: became inconsistent or changed how (warning), agrees again (info). */
export function rdapTimeline(s: Services): TimelineSource {
  return {
    async events(q: TimelineQuery) {
      const bySeverity =
        !q.severities || (q.severities.includes("warning") && q.severities.includes("info"))
          ? {}
          : q.severities.includes("warning")
            ? { verdict: { not: CONSISTENT } }
            : q.severities.includes("info")
              ? { verdict: CONSISTENT }
              : null;
      if (!bySeverity) return [];
      const byEntity = q.entity ? entityWhere(q.entity) : {};
      if (!byEntity) return [];
      const rows = await s.db.rdapConsistencyChange.findMany({
        where: { at: { gte: q.from, lte: q.to }, ...bySeverity, ...byEntity },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: q.limit,
      });
      return rows.map((r) =>
        consistencyChangeEvent({
          ...r,
          at: r.at.toISOString(),
          addresses: jsonColumn<string[]>(r.addresses, []),
        }),
      );
    },
  };
}
