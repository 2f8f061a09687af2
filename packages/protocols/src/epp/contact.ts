/** Contact object mapping, RFC 5733: check and info (enough to show who sponsors what). */
import {
  decodeCheckData,
  decodeOptAuthInfo,
  decodePanData,
  decodeStatus,
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
  CONTACT_STATUSES,
  type ContactCommand,
  type ContactInfo,
  type PostalInfo,
  type ResData,
} from "./model";
import { NS } from "./namespaces";
import { type XNode, x } from "./xml-write";

const P = "contact";
const C = NS.contact;
const XMLNS = { "xmlns:contact": C };

export function encodeContactCommand(c: ContactCommand): { verb: string; body: XNode } {
  if (c.cmd === "contact:check")
    return {
      verb: "check",
      body: x(
        "contact:check",
        XMLNS,
        c.ids.map((i) => x("contact:id", {}, i)),
      ),
    };
  return {
    verb: "info",
    body: x("contact:info", XMLNS, x("contact:id", {}, c.id), c.authInfo && encodeAuthInfo(P, c.authInfo)),
  };
}

export function decodeContactCommand(verb: string, n: Node): ContactCommand | undefined {
  if (verb === "check") {
    const ids = n.texts(C, "id");
    if (ids.length === 0) fail("missing-element", "<id> is required", n.el, n.path);
    return { cmd: "contact:check", ids };
  }
  if (verb === "info") {
    const out: ContactCommand = { cmd: "contact:info", id: n.reqText(C, "id") };
    setOpt(out, "authInfo", decodeOptAuthInfo(n, C));
    return out;
  }
  return undefined;
}

function decodePostal(n: Node): PostalInfo {
  const a = n.req(C, "addr");
  const p: PostalInfo = {
    type: n.oneOf(n.reqAttr("type"), ["int", "loc"] as const, "postalInfo type"),
    name: n.reqText(C, "name"),
    street: a.texts(C, "street"),
    city: a.reqText(C, "city"),
    cc: a.reqText(C, "cc"),
  };
  setOpt(p, "org", n.optText(C, "org"));
  setOpt(p, "sp", a.optText(C, "sp"));
  setOpt(p, "pc", a.optText(C, "pc"));
  return p;
}

export function decodeContactResData(n: Node): ResData | undefined {
  switch (n.name) {
    case "chkData":
      return { kind: "contact:chkData", items: decodeCheckData(n, C, "id") };
    case "creData":
      return { kind: "contact:creData", id: n.reqText(C, "id"), crDate: n.reqText(C, "crDate") };
    case "panData":
      return { kind: "contact:panData", data: decodePanData(n, C, "id") };
    case "infData": {
      const c: ContactInfo = {
        id: n.reqText(C, "id"),
        roid: n.reqText(C, "roid"),
        statuses: n.children(C, "status").map((s) => decodeStatus(s, CONTACT_STATUSES)),
        postalInfo: n.children(C, "postalInfo").map(decodePostal),
        email: n.reqText(C, "email"),
        clID: n.reqText(C, "clID"),
        crID: n.reqText(C, "crID"),
        crDate: n.reqText(C, "crDate"),
      };
      for (const k of ["voice", "fax", "upID", "upDate", "trDate"] as const) setOpt(c, k, n.optText(C, k));
      setOpt(c, "authInfo", decodeOptAuthInfo(n, C));
      return { kind: "contact:infData", contact: c };
    }
    default:
      return undefined;
  }
}

export function encodeContactResData(r: ResData): XNode | undefined {
  switch (r.kind) {
    case "contact:chkData":
      return x("contact:chkData", XMLNS, encodeCheckData(P, "id", r.items));
    case "contact:creData":
      return x("contact:creData", XMLNS, x("contact:id", {}, r.id), x("contact:crDate", {}, r.crDate));
    case "contact:panData":
      return x("contact:panData", XMLNS, encodePanData(P, "id", r.data));
    case "contact:infData": {
      const c = r.contact;
      return x(
        "contact:infData",
        XMLNS,
        x("contact:id", {}, c.id),
        x("contact:roid", {}, c.roid),
        c.statuses.map((s) => encodeStatus(P, s)),
        c.postalInfo.map((p) =>
          x(
            "contact:postalInfo",
            { type: p.type },
            x("contact:name", {}, p.name),
            encodeOpt(P, "org", p.org),
            x(
              "contact:addr",
              {},
              p.street.map((s) => x("contact:street", {}, s)),
              x("contact:city", {}, p.city),
              encodeOpt(P, "sp", p.sp),
              encodeOpt(P, "pc", p.pc),
              x("contact:cc", {}, p.cc),
            ),
          ),
        ),
        encodeOpt(P, "voice", c.voice),
        encodeOpt(P, "fax", c.fax),
        x("contact:email", {}, c.email),
        x("contact:clID", {}, c.clID),
        x("contact:crID", {}, c.crID),
        x("contact:crDate", {}, c.crDate),
        encodeOpt(P, "upID", c.upID),
        encodeOpt(P, "upDate", c.upDate),
        encodeOpt(P, "trDate", c.trDate),
        c.authInfo && encodeAuthInfo(P, c.authInfo),
      );
    }
    default:
      return undefined;
  }
}
