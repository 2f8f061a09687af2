/** RFC 5732 host commands of the LAB registry, with the host rules from @netops/protocols. */
import {
  canonicalAddress,
  checkHostCreate,
  checkHostUpdate,
  type HostAddr,
  type HostCommand,
  type HostRuleContext,
  type HostStatus,
  hostDeleteRefusal,
  hostUnderForeignDomain,
  normalizeHostName,
  objectExists,
  type Status,
  superordinateDomain,
} from "@netops/protocols/epp";
import { type CommandContext, ok, type Reply, refuse, refused } from "./reply";
import type { HostRow, LabStore } from "./store";

function rules(store: LabStore, ctx: CommandContext): HostRuleContext {
  return {
    zones: ctx.zones,
    domainExists: (n) => store.domain(n) !== undefined,
    externalAddresses: "refuse",
  };
}

/** Statuses as shown: stored ones, plus "linked" when a domain uses the host; "ok" when nothing else. */
export function hostStatuses(store: LabStore, h: HostRow): Status<HostStatus>[] {
  const out = [...h.statuses];
  if (store.domainsUsingHost(h.roid).length > 0) out.push({ s: "linked" });
  return out.some((s) => s.s !== "linked") ? out : [{ s: "ok" }, ...out];
}

const canon = (a: HostAddr): HostAddr => ({ ip: a.ip, address: canonicalAddress(a) ?? a.address });
const addrKey = (a: HostAddr) => `${a.ip}/${canonicalAddress(a) ?? a.address}`;

export function hostCommand(store: LabStore, c: HostCommand, ctx: CommandContext): Reply {
  switch (c.cmd) {
    case "host:check":
      return ok([
        {
          kind: "host:chkData",
          items: c.names.map((n) =>
            store.host(n) ? { name: n, avail: false, reason: "In use" } : { name: n, avail: true },
          ),
        },
      ]);
    case "host:info": {
      const h = store.host(c.name);
      if (!h) return refuse(2303, `no host ${c.name}`);
      const info = {
        name: h.name,
        roid: h.roid,
        statuses: hostStatuses(store, h),
        addrs: h.addrs,
        clID: h.clID,
        crID: h.crID,
        crDate: h.crDate,
        ...(h.upID !== undefined && { upID: h.upID }),
        ...(h.upDate !== undefined && { upDate: h.upDate }),
      };
      return ok([{ kind: "host:infData", host: info }]);
    }
    case "host:create": {
      const name = normalizeHostName(c.name);
      const issue = checkHostCreate({ name, addrs: c.addrs }, rules(store, ctx)).find(
        (i) => i.severity === "error",
      );
      if (issue) return refuse(issue.code, issue.reason);
      if (store.host(name)) return refused(objectExists("host", name));
      const sup = superordinateDomain(name, ctx.zones);
      const parent = sup === null ? undefined : store.domain(sup);
      // RFC 5732 §3.2.1 leaves this to policy; the lab, like most registries, lets only the
      // sponsor of the superordinate domain create hosts under it.
      const foreign = hostUnderForeignDomain(name, parent, ctx.clID);
      if (foreign) return refused(foreign);
      store.insertHost({
        roid: store.nextRoid("H"),
        name,
        clID: ctx.clID,
        crID: ctx.clID,
        crDate: ctx.now,
        addrs: c.addrs.map(canon),
        statuses: [],
      });
      return ok([{ kind: "host:creData", name, crDate: ctx.now }]);
    }
    case "host:update": {
      const h = store.host(c.name);
      if (!h) return refuse(2303, `no host ${c.name}`);
      const issue = checkHostUpdate(h, c, ctx.clID, rules(store, ctx)).find((i) => i.severity === "error");
      if (issue) return refuse(issue.code, issue.reason);
      const newName = c.newName === undefined ? h.name : normalizeHostName(c.newName);
      if (newName !== h.name && store.host(newName)) return refused(objectExists("host", newName));
      for (const s of c.rem.statuses)
        if (!h.statuses.some((x) => x.s === s.s))
          return refuse(2303, `${h.name} does not have status ${s.s}`);
      for (const s of c.add.statuses)
        if (h.statuses.some((x) => x.s === s.s)) return refuse(2306, `${h.name} already has status ${s.s}`);
      const rem = new Set(c.rem.addrs.map(addrKey));
      for (const a of c.rem.addrs)
        if (!h.addrs.some((x) => addrKey(x) === addrKey(a)))
          return refuse(2303, `${h.name} does not have address ${a.address}`);
      const remStatus = new Set(c.rem.statuses.map((s) => s.s));
      const next: HostRow = {
        ...h,
        name: newName,
        addrs: [...h.addrs.filter((a) => !rem.has(addrKey(a))), ...c.add.addrs.map(canon)],
        statuses: [...h.statuses.filter((s) => !remStatus.has(s.s)), ...c.add.statuses],
        upID: ctx.clID,
        upDate: ctx.now,
      };
      store.saveHost(next);
      return ok();
    }
    case "host:delete": {
      const h = store.host(c.name);
      if (!h) return refuse(2303, `no host ${c.name}`);
      const denied = hostDeleteRefusal(h, ctx.clID, store.domainsUsingHost(h.roid));
      if (denied) return refused(denied);
      store.deleteHost(h.roid);
      return ok();
    }
  }
}
