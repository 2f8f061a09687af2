/** Host object mapping, RFC 5732. */
import {
  decodeAddr,
  decodeCheckData,
  decodePanData,
  decodeStatus,
  encodeAddr,
  encodeCheckData,
  encodeOpt,
  encodePanData,
  encodeStatus,
  setOpt,
} from "./common";
import type { Node } from "./dom";
import { fail } from "./errors";
import { HOST_STATUSES, type HostChange, type HostCommand, type HostInfo, type ResData } from "./model";
import { NS } from "./namespaces";
import { type XNode, x } from "./xml-write";

const P = "host";
const XMLNS = { "xmlns:host": NS.host };

/** The `<check>`/`<info>`/… child element for a host command; `verb` is the EPP command element. */
export function encodeHostCommand(c: HostCommand): { verb: string; body: XNode } {
  switch (c.cmd) {
    case "host:check":
      return {
        verb: "check",
        body: x(
          "host:check",
          XMLNS,
          c.names.map((n) => x("host:name", {}, n)),
        ),
      };
    case "host:info":
      return { verb: "info", body: x("host:info", XMLNS, x("host:name", {}, c.name)) };
    case "host:delete":
      return { verb: "delete", body: x("host:delete", XMLNS, x("host:name", {}, c.name)) };
    case "host:create":
      return {
        verb: "create",
        body: x(
          "host:create",
          XMLNS,
          x("host:name", {}, c.name),
          c.addrs.map((a) => encodeAddr(P, "addr", a)),
        ),
      };
    case "host:update": {
      const ch = (tag: string, h: HostChange) =>
        (h.addrs.length > 0 || h.statuses.length > 0) &&
        x(
          `host:${tag}`,
          {},
          h.addrs.map((a) => encodeAddr(P, "addr", a)),
          h.statuses.map((s) => encodeStatus(P, s)),
        );
      return {
        verb: "update",
        body: x(
          "host:update",
          XMLNS,
          x("host:name", {}, c.name),
          ch("add", c.add),
          ch("rem", c.rem),
          c.newName !== undefined && x("host:chg", {}, x("host:name", {}, c.newName)),
        ),
      };
    }
  }
}

export function decodeHostCommand(verb: string, n: Node): HostCommand | undefined {
  switch (verb) {
    case "check": {
      const names = n.texts(NS.host, "name");
      if (names.length === 0) fail("missing-element", "<name> is required", n.el, n.path);
      return { cmd: "host:check", names };
    }
    case "info":
      return { cmd: "host:info", name: n.reqText(NS.host, "name") };
    case "delete":
      return { cmd: "host:delete", name: n.reqText(NS.host, "name") };
    case "create":
      return {
        cmd: "host:create",
        name: n.reqText(NS.host, "name"),
        addrs: n.children(NS.host, "addr").map(decodeAddr),
      };
    case "update": {
      const ch = (tag: string): HostChange => {
        const c = n.opt(NS.host, tag);
        return {
          addrs: c ? c.children(NS.host, "addr").map(decodeAddr) : [],
          statuses: c ? c.children(NS.host, "status").map((s) => decodeStatus(s, HOST_STATUSES)) : [],
        };
      };
      const out: HostCommand = {
        cmd: "host:update",
        name: n.reqText(NS.host, "name"),
        add: ch("add"),
        rem: ch("rem"),
      };
      const chg = n.opt(NS.host, "chg");
      if (chg) out.newName = chg.reqText(NS.host, "name");
      return out;
    }
    default:
      return undefined;
  }
}

export function encodeHostResData(r: ResData): XNode | undefined {
  switch (r.kind) {
    case "host:chkData":
      return x("host:chkData", XMLNS, encodeCheckData(P, "name", r.items));
    case "host:creData":
      return x("host:creData", XMLNS, x("host:name", {}, r.name), x("host:crDate", {}, r.crDate));
    case "host:panData":
      return x("host:panData", XMLNS, encodePanData(P, "name", r.data));
    case "host:infData": {
      const h = r.host;
      return x(
        "host:infData",
        XMLNS,
        x("host:name", {}, h.name),
        x("host:roid", {}, h.roid),
        h.statuses.map((s) => encodeStatus(P, s)),
        h.addrs.map((a) => encodeAddr(P, "addr", a)),
        x("host:clID", {}, h.clID),
        x("host:crID", {}, h.crID),
        x("host:crDate", {}, h.crDate),
        encodeOpt(P, "upID", h.upID),
        encodeOpt(P, "upDate", h.upDate),
        encodeOpt(P, "trDate", h.trDate),
      );
    }
    default:
      return undefined;
  }
}

export function decodeHostResData(n: Node): ResData | undefined {
  switch (n.name) {
    case "chkData":
      return { kind: "host:chkData", items: decodeCheckData(n, NS.host, "name") };
    case "creData":
      return { kind: "host:creData", name: n.reqText(NS.host, "name"), crDate: n.reqText(NS.host, "crDate") };
    case "panData":
      return { kind: "host:panData", data: decodePanData(n, NS.host, "name") };
    case "infData": {
      const host: HostInfo = {
        name: n.reqText(NS.host, "name"),
        roid: n.reqText(NS.host, "roid"),
        statuses: n.children(NS.host, "status").map((s) => decodeStatus(s, HOST_STATUSES)),
        addrs: n.children(NS.host, "addr").map(decodeAddr),
        clID: n.reqText(NS.host, "clID"),
        crID: n.reqText(NS.host, "crID"),
        crDate: n.reqText(NS.host, "crDate"),
      };
      setOpt(host, "upID", n.optText(NS.host, "upID"));
      setOpt(host, "upDate", n.optText(NS.host, "upDate"));
      setOpt(host, "trDate", n.optText(NS.host, "trDate"));
      return { kind: "host:infData", host };
    }
    default:
      return undefined;
  }
}
