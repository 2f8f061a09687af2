/** Domain object mapping, RFC 5731 (name servers as hostObj or hostAttr). */
import {
  decodeAddr,
  decodeAuthInfo,
  decodeCheckData,
  decodeOptAuthInfo,
  decodePanData,
  decodeStatus,
  encodeAddr,
  encodeAuthInfo,
  encodeCheckData,
  encodeOpt,
  encodePanData,
  encodeStatus,
  setOpt,
} from "./common";
import type { Node } from "./dom";
import { fail } from "./errors";
import {
  CONTACT_TYPES,
  DOMAIN_STATUSES,
  TRANSFER_STATUSES,
  type DomainChange,
  type DomainCommand,
  type DomainContact,
  type DomainInfo,
  type NsList,
  type Period,
  type ResData,
} from "./model";
import { NS } from "./namespaces";
import { type XNode, x } from "./xml-write";

const P = "domain";
const XMLNS = { "xmlns:domain": NS.domain };
const D = NS.domain;

const encName = (n: string) => x("domain:name", {}, n);
const encPeriod = (p: Period | undefined) => p && x("domain:period", { unit: p.unit }, p.value);
const encContacts = (cs: DomainContact[]) => cs.map((c) => x("domain:contact", { type: c.type }, c.id));

export function encodeNs(ns: NsList | undefined): XNode | undefined {
  if (!ns) return undefined;
  if ("hostObj" in ns)
    return x(
      "domain:ns",
      {},
      ns.hostObj.map((h) => x("domain:hostObj", {}, h)),
    );
  return x(
    "domain:ns",
    {},
    ns.hostAttr.map((h) =>
      x(
        "domain:hostAttr",
        {},
        x("domain:hostName", {}, h.name),
        h.addrs.map((a) => encodeAddr(P, "hostAddr", a)),
      ),
    ),
  );
}

function decodeNs(n: Node | undefined): NsList | undefined {
  if (!n) return undefined;
  const objs = n.children(D, "hostObj");
  const attrs = n.children(D, "hostAttr");
  if (objs.length > 0 && attrs.length > 0)
    fail("bad-value", "hostObj and hostAttr cannot be mixed", n.el, n.path);
  if (attrs.length > 0)
    return {
      hostAttr: attrs.map((a) => ({
        name: a.reqText(D, "hostName"),
        addrs: a.children(D, "hostAddr").map(decodeAddr),
      })),
    };
  return { hostObj: objs.map((o) => o.text()) };
}

function decodePeriod(n: Node | undefined): Period | undefined {
  if (!n) return undefined;
  return {
    value: n.int(n.text(), "period", 1, 99),
    unit: n.oneOf(n.attr("unit") ?? "y", ["y", "m"] as const, "unit"),
  };
}

const decodeContacts = (n: Node): DomainContact[] =>
  n
    .children(D, "contact")
    .map((c) => ({ type: c.oneOf(c.reqAttr("type"), CONTACT_TYPES, "contact type"), id: c.text() }));

function nonEmpty(c: DomainChange): boolean {
  return c.ns !== undefined || c.contacts.length > 0 || c.statuses.length > 0;
}

export function encodeDomainCommand(c: DomainCommand): {
  verb: string;
  body: XNode;
  attrs?: Record<string, string>;
} {
  switch (c.cmd) {
    case "domain:check":
      return { verb: "check", body: x("domain:check", XMLNS, c.names.map(encName)) };
    case "domain:info":
      return {
        verb: "info",
        body: x(
          "domain:info",
          XMLNS,
          x("domain:name", { hosts: c.hosts }, c.name),
          c.authInfo && encodeAuthInfo(P, c.authInfo),
        ),
      };
    case "domain:delete":
      return { verb: "delete", body: x("domain:delete", XMLNS, encName(c.name)) };
    case "domain:create":
      return {
        verb: "create",
        body: x(
          "domain:create",
          XMLNS,
          encName(c.name),
          encPeriod(c.period),
          encodeNs(c.ns),
          encodeOpt(P, "registrant", c.registrant),
          encContacts(c.contacts),
          encodeAuthInfo(P, c.authInfo),
        ),
      };
    case "domain:renew":
      return {
        verb: "renew",
        body: x(
          "domain:renew",
          XMLNS,
          encName(c.name),
          x("domain:curExpDate", {}, c.curExpDate),
          encPeriod(c.period),
        ),
      };
    case "domain:transfer":
      return {
        verb: "transfer",
        attrs: { op: c.op },
        body: x(
          "domain:transfer",
          XMLNS,
          encName(c.name),
          encPeriod(c.period),
          c.authInfo && encodeAuthInfo(P, c.authInfo),
        ),
      };
    case "domain:update": {
      const ch = (tag: string, d: DomainChange) =>
        nonEmpty(d) &&
        x(
          `domain:${tag}`,
          {},
          encodeNs(d.ns),
          encContacts(d.contacts),
          d.statuses.map((s) => encodeStatus(P, s)),
        );
      const chg = c.chg;
      return {
        verb: "update",
        body: x(
          "domain:update",
          XMLNS,
          encName(c.name),
          ch("add", c.add),
          ch("rem", c.rem),
          chg &&
            x(
              "domain:chg",
              {},
              encodeOpt(P, "registrant", chg.registrant),
              chg.authInfo && encodeAuthInfo(P, chg.authInfo),
            ),
        ),
      };
    }
  }
}

export function decodeDomainCommand(verb: string, n: Node, verbNode: Node): DomainCommand | undefined {
  switch (verb) {
    case "check":
      if (n.children(D, "name").length === 0) fail("missing-element", "<name> is required", n.el, n.path);
      return { cmd: "domain:check", names: n.texts(D, "name") };
    case "info": {
      const nm = n.req(D, "name");
      const out: DomainCommand = {
        cmd: "domain:info",
        name: nm.text(),
        hosts: nm.oneOf(nm.attr("hosts") ?? "all", ["all", "del", "sub", "none"] as const, "hosts"),
      };
      setOpt(out, "authInfo", decodeOptAuthInfo(n, D));
      return out;
    }
    case "delete":
      return { cmd: "domain:delete", name: n.reqText(D, "name") };
    case "create": {
      const ai = decodeAuthInfo(n.req(D, "authInfo"), D) ?? { pw: "" };
      const out: DomainCommand = {
        cmd: "domain:create",
        name: n.reqText(D, "name"),
        contacts: decodeContacts(n),
        authInfo: ai,
      };
      setOpt(out, "period", decodePeriod(n.opt(D, "period")));
      setOpt(out, "ns", decodeNs(n.opt(D, "ns")));
      setOpt(out, "registrant", n.optText(D, "registrant"));
      return out;
    }
    case "renew": {
      const out: DomainCommand = {
        cmd: "domain:renew",
        name: n.reqText(D, "name"),
        curExpDate: n.reqText(D, "curExpDate"),
      };
      setOpt(out, "period", decodePeriod(n.opt(D, "period")));
      return out;
    }
    case "transfer": {
      const op = verbNode.oneOf(
        verbNode.reqAttr("op"),
        ["query", "request", "approve", "reject", "cancel"] as const,
        "transfer op",
      );
      const out: DomainCommand = { cmd: "domain:transfer", op, name: n.reqText(D, "name") };
      setOpt(out, "period", decodePeriod(n.opt(D, "period")));
      setOpt(out, "authInfo", decodeOptAuthInfo(n, D));
      return out;
    }
    case "update": {
      const ch = (tag: string): DomainChange => {
        const c = n.opt(D, tag);
        const out: DomainChange = {
          contacts: c ? decodeContacts(c) : [],
          statuses: c ? c.children(D, "status").map((s) => decodeStatus(s, DOMAIN_STATUSES)) : [],
        };
        setOpt(out, "ns", decodeNs(c?.opt(D, "ns")));
        return out;
      };
      const out: DomainCommand = {
        cmd: "domain:update",
        name: n.reqText(D, "name"),
        add: ch("add"),
        rem: ch("rem"),
      };
      const chg = n.opt(D, "chg");
      if (chg) {
        const c: { registrant?: string; authInfo?: { pw: string; roid?: string } } = {};
        setOpt(c, "registrant", chg.optText(D, "registrant"));
        setOpt(c, "authInfo", decodeOptAuthInfo(chg, D));
        out.chg = c;
      }
      return out;
    }
    default:
      return undefined;
  }
}

export function encodeDomainResData(r: ResData): XNode | undefined {
  switch (r.kind) {
    case "domain:chkData":
      return x("domain:chkData", XMLNS, encodeCheckData(P, "name", r.items));
    case "domain:creData":
      return x(
        "domain:creData",
        XMLNS,
        encName(r.name),
        x("domain:crDate", {}, r.crDate),
        encodeOpt(P, "exDate", r.exDate),
      );
    case "domain:renData":
      return x("domain:renData", XMLNS, encName(r.name), encodeOpt(P, "exDate", r.exDate));
    case "domain:panData":
      return x("domain:panData", XMLNS, encodePanData(P, "name", r.data));
    case "domain:trnData": {
      const t = r.transfer;
      return x(
        "domain:trnData",
        XMLNS,
        encName(t.name),
        x("domain:trStatus", {}, t.trStatus),
        x("domain:reID", {}, t.reID),
        x("domain:reDate", {}, t.reDate),
        x("domain:acID", {}, t.acID),
        x("domain:acDate", {}, t.acDate),
        encodeOpt(P, "exDate", t.exDate),
      );
    }
    case "domain:infData": {
      const d = r.domain;
      return x(
        "domain:infData",
        XMLNS,
        encName(d.name),
        x("domain:roid", {}, d.roid),
        d.statuses.map((s) => encodeStatus(P, s)),
        encodeOpt(P, "registrant", d.registrant),
        encContacts(d.contacts),
        encodeNs(d.ns),
        d.hosts.map((h) => x("domain:host", {}, h)),
        x("domain:clID", {}, d.clID),
        encodeOpt(P, "crID", d.crID),
        encodeOpt(P, "crDate", d.crDate),
        encodeOpt(P, "upID", d.upID),
        encodeOpt(P, "upDate", d.upDate),
        encodeOpt(P, "exDate", d.exDate),
        encodeOpt(P, "trDate", d.trDate),
        d.authInfo && encodeAuthInfo(P, d.authInfo),
      );
    }
    default:
      return undefined;
  }
}

export function decodeDomainResData(n: Node): ResData | undefined {
  switch (n.name) {
    case "chkData":
      return { kind: "domain:chkData", items: decodeCheckData(n, D, "name") };
    case "creData": {
      const out: ResData = {
        kind: "domain:creData",
        name: n.reqText(D, "name"),
        crDate: n.reqText(D, "crDate"),
      };
      setOpt(out, "exDate", n.optText(D, "exDate"));
      return out;
    }
    case "renData": {
      const out: ResData = { kind: "domain:renData", name: n.reqText(D, "name") };
      setOpt(out, "exDate", n.optText(D, "exDate"));
      return out;
    }
    case "panData":
      return { kind: "domain:panData", data: decodePanData(n, D, "name") };
    case "trnData": {
      const st = n.req(D, "trStatus");
      const transfer = {
        name: n.reqText(D, "name"),
        trStatus: st.oneOf(st.text(), TRANSFER_STATUSES, "trStatus"),
        reID: n.reqText(D, "reID"),
        reDate: n.reqText(D, "reDate"),
        acID: n.reqText(D, "acID"),
        acDate: n.reqText(D, "acDate"),
      };
      setOpt(transfer as { exDate?: string }, "exDate", n.optText(D, "exDate"));
      return { kind: "domain:trnData", transfer };
    }
    case "infData": {
      const d: DomainInfo = {
        name: n.reqText(D, "name"),
        roid: n.reqText(D, "roid"),
        statuses: n.children(D, "status").map((s) => decodeStatus(s, DOMAIN_STATUSES)),
        contacts: decodeContacts(n),
        hosts: n.texts(D, "host"),
        clID: n.reqText(D, "clID"),
      };
      setOpt(d, "registrant", n.optText(D, "registrant"));
      setOpt(d, "ns", decodeNs(n.opt(D, "ns")));
      for (const k of ["crID", "crDate", "upID", "upDate", "exDate", "trDate"] as const)
        setOpt(d, k, n.optText(D, k));
      setOpt(d, "authInfo", decodeOptAuthInfo(n, D));
      return { kind: "domain:infData", domain: d };
    }
    default:
      return undefined;
  }
}
