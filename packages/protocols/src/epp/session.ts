/** Session frames of RFC 5730 §2.4 and §2.9.1: greeting, login, and objURI/extURI negotiation. */
import type { Node } from "./dom";
import { fail } from "./errors";
import type { DcpStatement, Greeting, LoginCommand } from "./model";
import { NS } from "./namespaces";
import { type XNode, x } from "./xml-write";

const E = NS.epp;

function emptyChildNames(n: Node): string[] {
  return n.children(E).map((c) => c.name);
}

export function decodeGreeting(n: Node): Greeting {
  const menu = n.req(E, "svcMenu");
  const dcp = n.req(E, "dcp");
  const access = dcp.req(E, "access").only("access value").name;
  const statements: DcpStatement[] = dcp.children(E, "statement").map((s) => ({
    purposes: emptyChildNames(s.req(E, "purpose")),
    recipients: emptyChildNames(s.req(E, "recipient")),
    retention: s.req(E, "retention").only("retention value").name,
  }));
  if (statements.length === 0) fail("missing-element", "<statement> is required", dcp.el, dcp.path);
  const g: Greeting = {
    svID: n.reqText(E, "svID"),
    svDate: n.reqText(E, "svDate"),
    versions: menu.texts(E, "version"),
    langs: menu.texts(E, "lang"),
    objURIs: menu.texts(E, "objURI"),
    extURIs: menu.opt(E, "svcExtension")?.texts(E, "extURI") ?? [],
    dcp: { access, statements },
  };
  const exp = dcp.opt(E, "expiry");
  if (exp) {
    const abs = exp.optText(E, "absolute");
    const rel = exp.optText(E, "relative");
    g.dcp.expiry = abs !== undefined ? { absolute: abs } : { relative: rel ?? "" };
  }
  return g;
}

export function encodeGreeting(g: Greeting): XNode {
  const empty = (names: string[]) => names.map((nm) => x(nm));
  return x(
    "greeting",
    {},
    x("svID", {}, g.svID),
    x("svDate", {}, g.svDate),
    x(
      "svcMenu",
      {},
      g.versions.map((v) => x("version", {}, v)),
      g.langs.map((l) => x("lang", {}, l)),
      g.objURIs.map((u) => x("objURI", {}, u)),
      g.extURIs.length > 0 &&
        x(
          "svcExtension",
          {},
          g.extURIs.map((u) => x("extURI", {}, u)),
        ),
    ),
    x(
      "dcp",
      {},
      x("access", {}, x(g.dcp.access)),
      g.dcp.statements.map((s) =>
        x(
          "statement",
          {},
          x("purpose", {}, empty(s.purposes)),
          x("recipient", {}, empty(s.recipients)),
          x("retention", {}, x(s.retention)),
        ),
      ),
      g.dcp.expiry &&
        x(
          "expiry",
          {},
          g.dcp.expiry.absolute !== undefined
            ? x("absolute", {}, g.dcp.expiry.absolute)
            : x("relative", {}, g.dcp.expiry.relative ?? ""),
        ),
    ),
  );
}

export function decodeLogin(n: Node): LoginCommand {
  const opts = n.req(E, "options");
  const svcs = n.req(E, "svcs");
  const out: LoginCommand = {
    cmd: "login",
    clID: n.reqText(E, "clID"),
    // Passwords are tokens in the schema (pwType): surrounding white space is not part of them.
    pw: n.reqText(E, "pw"),
    version: opts.reqText(E, "version"),
    lang: opts.reqText(E, "lang"),
    objURIs: svcs.texts(E, "objURI"),
    extURIs: svcs.opt(E, "svcExtension")?.texts(E, "extURI") ?? [],
  };
  const np = n.optText(E, "newPW");
  if (np !== undefined) out.newPW = np;
  return out;
}

export function encodeLogin(l: LoginCommand): XNode {
  return x(
    "login",
    {},
    x("clID", {}, l.clID),
    x("pw", {}, l.pw),
    l.newPW !== undefined && x("newPW", {}, l.newPW),
    x("options", {}, x("version", {}, l.version), x("lang", {}, l.lang)),
    x(
      "svcs",
      {},
      l.objURIs.map((u) => x("objURI", {}, u)),
      l.extURIs.length > 0 &&
        x(
          "svcExtension",
          {},
          l.extURIs.map((u) => x("extURI", {}, u)),
        ),
    ),
  );
}

export interface Negotiated {
  version: string;
  lang: string;
  objURIs: string[];
  extURIs: string[];
  /** Wanted but not offered by the server (extensions are optional: the session works without them). */
  missingExtURIs: string[];
}

/**
 * Chooses what to log in with (RFC 5730 §2.9.1.1: only services the greeting announced).
 * Objects in `required` must be offered, or the session is pointless: that is an error.
 */
export function negotiateLogin(
  g: Greeting,
  want: { objURIs: string[]; extURIs: string[]; required?: string[] },
): { ok: true; value: Negotiated } | { ok: false; reason: string } {
  if (!g.versions.includes("1.0"))
    return { ok: false, reason: `server offers EPP version ${g.versions.join(", ")}, not 1.0` };
  const required = want.required ?? [NS.host];
  const missing = required.filter((u) => !g.objURIs.includes(u));
  if (missing.length > 0)
    return { ok: false, reason: `server greeting does not offer ${missing.join(", ")}` };
  const lang = g.langs.includes("en") ? "en" : (g.langs[0] ?? "en");
  return {
    ok: true,
    value: {
      version: "1.0",
      lang,
      objURIs: want.objURIs.filter((u) => g.objURIs.includes(u)),
      extURIs: want.extURIs.filter((u) => g.extURIs.includes(u)),
      missingExtURIs: want.extURIs.filter((u) => !g.extURIs.includes(u)),
    },
  };
}
