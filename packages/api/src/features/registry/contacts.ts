/** Contact objects (RFC 5733): <contact:info> and <contact:check>, read from the registry, not cached. */
import type { RegistrySessions } from "./sessions";
import { connectionRow, outcome, type RegistryDeps } from "./shared";

export class RegistryContacts {
  constructor(
    private readonly d: RegistryDeps,
    private readonly sessions: RegistrySessions,
  ) {}

  /** <contact:info>: the contact as the registry shows it to us; its authInfo is dropped. */
  async contactInfo(connectionId: string, id: string) {
    const c = await connectionRow(this.d.db, connectionId);
    const r = await this.sessions.send(c, { cmd: "contact:info", id });
    const d = r.response.resData.find((x) => x.kind === "contact:infData");
    if (!r.ok || d?.kind !== "contact:infData") return { outcome: outcome(r), contact: null };
    const k = d.contact;
    return {
      outcome: outcome(r),
      contact: {
        id: k.id,
        roid: k.roid,
        statuses: k.statuses,
        postalInfo: k.postalInfo,
        email: k.email,
        voice: k.voice ?? null,
        fax: k.fax ?? null,
        sponsor: k.clID,
        sponsoredByUs: k.clID === c.clientId,
        crDate: k.crDate,
        upDate: k.upDate ?? null,
      },
    };
  }

  /** <contact:check>: which ids are free at the registry. */
  async contactCheck(connectionId: string, ids: string[]) {
    const c = await connectionRow(this.d.db, connectionId);
    const r = await this.sessions.send(c, { cmd: "contact:check", ids });
    const d = r.response.resData.find((x) => x.kind === "contact:chkData");
    return {
      outcome: outcome(r),
      items:
        d?.kind === "contact:chkData"
          ? d.items.map((i) => ({ id: i.name, avail: i.avail, reason: i.reason ?? null }))
          : [],
    };
  }
}
