/** RFC 5731 domain commands of the LAB registry (name servers as host objects only). */
import {
  type DomainCommand,
  type DomainInfo,
  domainDeleteRefusal,
  hostNameProblem,
  nameServerMissing,
  normalizeHostName,
  objectExists,
  type ResData,
  sponsorOnly,
  superordinateDomain,
  type TransferData,
  transferAnswerRefusal,
} from "@netops/protocols/epp";
import { type CommandContext, ok, type Reply, refuse, refused } from "./reply";
import type { DomainRow, LabStore, TransferRow } from "./store";

const MAX_YEARS = 10;
/** How long a transfer waits for the losing registrar before the lab would auto-approve it. */
const TRANSFER_WINDOW_MS = 5 * 24 * 3600 * 1000;

function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

function years(p: { value: number; unit: "y" | "m" } | undefined): number | null {
  if (!p) return 1;
  const y = p.unit === "y" ? p.value : p.value / 12;
  return Number.isInteger(y) && y >= 1 && y <= MAX_YEARS ? y : null;
}

function trnData(d: DomainRow, t: TransferRow): ResData {
  const transfer: TransferData = { name: d.name, trStatus: t.status, ...t, exDate: d.exDate };
  return { kind: "domain:trnData", transfer };
}

export function domainInfo(store: LabStore, d: DomainRow, full: boolean): DomainInfo {
  const info: DomainInfo = {
    name: d.name,
    roid: d.roid,
    statuses: d.statuses.length > 0 ? d.statuses : [{ s: "ok" }],
    contacts: d.contacts,
    ns: { hostObj: store.nameServers(d.roid) },
    hosts: store.hostsUnder(d.name).map((h) => h.name),
    clID: d.clID,
    crID: d.crID,
    crDate: d.crDate,
    exDate: d.exDate,
  };
  if (d.registrant !== undefined) info.registrant = d.registrant;
  if (d.upID !== undefined) info.upID = d.upID;
  if (d.upDate !== undefined) info.upDate = d.upDate;
  if (d.trDate !== undefined) info.trDate = d.trDate;
  if (full) info.authInfo = { pw: d.authPw };
  return info;
}

function mustOwn(d: DomainRow, ctx: CommandContext): Reply | null {
  const denied = sponsorOnly(d, ctx.clID, "change");
  return denied && refused(denied);
}

function hostRoids(store: LabStore, names: string[]): { roids: string[] } | { missing: string } {
  const roids: string[] = [];
  for (const n of names) {
    const h = store.host(n);
    if (!h) return { missing: n };
    roids.push(h.roid);
  }
  return { roids };
}

export function domainCommand(store: LabStore, c: DomainCommand, ctx: CommandContext): Reply {
  switch (c.cmd) {
    case "domain:check":
      return ok([
        {
          kind: "domain:chkData",
          items: c.names.map((n) => {
            const nm = normalizeHostName(n);
            if (store.domain(nm)) return { name: n, avail: false, reason: "In use" };
            if (hostNameProblem(nm) || superordinateDomain(nm, ctx.zones) !== nm)
              return { name: n, avail: false, reason: `Not a registrable name in ${ctx.zones.join(", ")}` };
            return { name: n, avail: true };
          }),
        },
      ]);
    case "domain:info": {
      const d = store.domain(c.name);
      if (!d) return refuse(2303, `no domain ${c.name}`);
      const full = d.clID === ctx.clID || c.authInfo?.pw === d.authPw;
      return ok([{ kind: "domain:infData", domain: domainInfo(store, d, full) }]);
    }
    case "domain:create": {
      const name = normalizeHostName(c.name);
      const bad = hostNameProblem(name);
      if (bad) return refuse(2005, bad);
      if (superordinateDomain(name, ctx.zones) !== name)
        return refuse(2306, `${name} is not a name directly under ${ctx.zones.join(", ")}`);
      if (store.domain(name)) return refused(objectExists("domain", name));
      const y = years(c.period);
      if (y === null) return refuse(2004, `the period must be 1 to ${MAX_YEARS} years`);
      if (c.ns && "hostAttr" in c.ns)
        return refuse(2102, "this registry takes name servers as host objects only");
      const ns = hostRoids(store, c.ns?.hostObj ?? []);
      if ("missing" in ns) return refused(nameServerMissing(ns.missing));
      for (const id of [c.registrant, ...c.contacts.map((x) => x.id)])
        if (id !== undefined && !store.contact(id)) return refuse(2303, `no contact ${id}`);
      const roid = store.nextRoid("D");
      const exDate = addYears(ctx.now, y);
      store.insertDomain({
        roid,
        name,
        clID: ctx.clID,
        crID: ctx.clID,
        crDate: ctx.now,
        exDate,
        ...(c.registrant !== undefined && { registrant: c.registrant }),
        contacts: c.contacts,
        statuses: [],
        authPw: c.authInfo.pw,
      });
      for (const h of ns.roids) store.addNameServer(roid, h);
      return ok([{ kind: "domain:creData", name, crDate: ctx.now, exDate }]);
    }
    case "domain:update": {
      const d = store.domain(c.name);
      if (!d) return refuse(2303, `no domain ${c.name}`);
      const denied = mustOwn(d, ctx);
      if (denied) return denied;
      const st = new Set(d.statuses.map((s) => s.s));
      const removingCUP = c.rem.statuses.some((s) => s.s === "clientUpdateProhibited");
      if (
        st.has("serverUpdateProhibited") ||
        st.has("pendingTransfer") ||
        (st.has("clientUpdateProhibited") && !removingCUP)
      )
        return refuse(2304, `${d.name} has a status that prohibits updates`);
      for (const s of c.add.statuses)
        if (!s.s.startsWith("client"))
          return refuse(2306, `clients may only set client* statuses, not ${s.s}`);
      if ((c.add.ns && "hostAttr" in c.add.ns) || (c.rem.ns && "hostAttr" in c.rem.ns))
        return refuse(2102, "this registry takes name servers as host objects only");
      const add = hostRoids(store, c.add.ns && "hostObj" in c.add.ns ? c.add.ns.hostObj : []);
      if ("missing" in add) return refused(nameServerMissing(add.missing));
      const rem = hostRoids(store, c.rem.ns && "hostObj" in c.rem.ns ? c.rem.ns.hostObj : []);
      if ("missing" in rem) return refused(nameServerMissing(rem.missing));
      for (const x of [...c.add.contacts.map((k) => k.id), c.chg?.registrant])
        if (x !== undefined && !store.contact(x)) return refuse(2303, `no contact ${x}`);
      const remS = new Set(c.rem.statuses.map((s) => s.s));
      const remC = new Set(c.rem.contacts.map((k) => `${k.type}/${k.id}`));
      const next: DomainRow = {
        ...d,
        statuses: [...d.statuses.filter((s) => !remS.has(s.s)), ...c.add.statuses],
        contacts: [...d.contacts.filter((k) => !remC.has(`${k.type}/${k.id}`)), ...c.add.contacts],
        upID: ctx.clID,
        upDate: ctx.now,
      };
      if (c.chg?.registrant !== undefined) next.registrant = c.chg.registrant;
      if (c.chg?.authInfo !== undefined) next.authPw = c.chg.authInfo.pw;
      store.saveDomain(next);
      for (const h of rem.roids) store.removeNameServer(d.roid, h);
      for (const h of add.roids) store.addNameServer(d.roid, h);
      return ok();
    }
    case "domain:renew": {
      const d = store.domain(c.name);
      if (!d) return refuse(2303, `no domain ${c.name}`);
      const denied = mustOwn(d, ctx);
      if (denied) return denied;
      if (d.exDate.slice(0, 10) !== c.curExpDate)
        return refuse(2004, `curExpDate ${c.curExpDate} is not the expiry date ${d.exDate.slice(0, 10)}`);
      const y = years(c.period);
      const exDate = y === null ? null : addYears(d.exDate, y);
      if (exDate === null || exDate > addYears(ctx.now, MAX_YEARS))
        return refuse(2004, `a domain can be registered at most ${MAX_YEARS} years ahead`);
      store.saveDomain({ ...d, exDate, upID: ctx.clID, upDate: ctx.now });
      return ok([{ kind: "domain:renData", name: d.name, exDate }]);
    }
    case "domain:delete": {
      const d = store.domain(c.name);
      if (!d) return refuse(2303, `no domain ${c.name}`);
      const denied = domainDeleteRefusal(
        d,
        ctx.clID,
        store.hostsUnder(d.name).map((h) => h.name),
      );
      if (denied) return refused(denied);
      store.deleteDomain(d.roid);
      return ok();
    }
    case "domain:transfer":
      return transfer(store, c, ctx);
  }
}

function transfer(
  store: LabStore,
  c: Extract<DomainCommand, { cmd: "domain:transfer" }>,
  ctx: CommandContext,
): Reply {
  const d = store.domain(c.name);
  if (!d) return refuse(2303, `no domain ${c.name}`);
  const t = store.transfer(d.roid);
  const pending = t?.status === "pending" ? t : undefined;
  const finish = (status: TransferRow["status"], notify: string, text: string): Reply => {
    if (!pending) return refuse(2301, `no transfer of ${d.name} is pending`);
    const done: TransferRow = { ...pending, status, acDate: ctx.now };
    const next: DomainRow = { ...d, statuses: d.statuses.filter((s) => s.s !== "pendingTransfer") };
    if (status === "clientApproved") {
      next.clID = pending.reID;
      next.trDate = ctx.now;
      // The domain's subordinate hosts move with it (RFC 5732 §1.1: their sponsor is the domain's).
      for (const h of store.hostsUnder(d.name)) store.saveHost({ ...h, clID: pending.reID, upDate: ctx.now });
    }
    store.saveDomain(next);
    store.saveTransfer(d.roid, done);
    store.enqueue(notify, text, ctx.now, trnData(next, done));
    return ok([trnData(next, done)]);
  };
  switch (c.op) {
    case "query":
      if (!t) return refuse(2301, `${d.name} has no transfer history`);
      if (ctx.clID !== t.reID && ctx.clID !== t.acID && c.authInfo?.pw !== d.authPw)
        return refuse(2201, "only the clients party to the transfer may query it");
      return ok([trnData(d, t)]);
    case "request": {
      if (d.clID === ctx.clID) return refuse(2106, `${d.name} is already sponsored by ${ctx.clID}`);
      if (pending) return refuse(2300, `a transfer of ${d.name} to ${pending.reID} is already pending`);
      if (c.authInfo?.pw !== d.authPw) return refuse(2202, `the authInfo given for ${d.name} is wrong`);
      if (d.statuses.some((s) => /TransferProhibited$/.test(s.s)))
        return refuse(2304, `${d.name} has a transfer-prohibited status`);
      const row: TransferRow = {
        status: "pending",
        reID: ctx.clID,
        reDate: ctx.now,
        acID: d.clID,
        acDate: new Date(Date.parse(ctx.now) + TRANSFER_WINDOW_MS).toISOString(),
      };
      const next: DomainRow = { ...d, statuses: [...d.statuses, { s: "pendingTransfer" }] };
      store.saveDomain(next);
      store.saveTransfer(d.roid, row);
      store.enqueue(d.clID, `Transfer of ${d.name} requested by ${ctx.clID}`, ctx.now, trnData(next, row));
      return ok([trnData(next, row)], 1001);
    }
    case "approve":
    case "reject":
    case "cancel": {
      const denied = transferAnswerRefusal(d, pending, ctx.clID, c.op);
      if (denied) return refused(denied);
      const status = (
        { approve: "clientApproved", reject: "clientRejected", cancel: "clientCancelled" } as const
      )[c.op];
      const verb = { approve: "approved", reject: "rejected", cancel: "cancelled" }[c.op];
      // The other party hears of it: the requester of an approval or rejection, the sponsor of a cancel.
      const notify = c.op === "cancel" ? d.clID : (pending?.reID ?? "");
      return finish(status, notify, `Transfer of ${d.name} ${verb} by ${ctx.clID}`);
    }
  }
}
