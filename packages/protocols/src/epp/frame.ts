/** Top-level EPP documents (RFC 5730 §2): typed frames to XML and back. */
import { RESULT_CODES } from "./codes";
import {
  encodeContactCommand,
  encodeContactResData,
  decodeContactCommand,
  decodeContactResData,
} from "./contact";
import { Node } from "./dom";
import { decodeDomainCommand, decodeDomainResData, encodeDomainCommand, encodeDomainResData } from "./domain";
import { EppDecodeError, fail } from "./errors";
import { decodeHostCommand, decodeHostResData, encodeHostCommand, encodeHostResData } from "./host";
import type { EppCommand, EppFrame, EppResponse, EppResult, Extension, MsgQ, ResData } from "./model";
import { NS } from "./namespaces";
import { decodeSecDns, encodeSecDns } from "./secdns";
import { decodeGreeting, decodeLogin, encodeGreeting, encodeLogin } from "./session";
import { parseXml, type XmlLimits } from "./xml";
import { elementToXml, fromParsed, serializeDocument, type XNode, x } from "./xml-write";

const E = NS.epp;
const VERBS = [
  "check",
  "create",
  "delete",
  "info",
  "login",
  "logout",
  "poll",
  "renew",
  "transfer",
  "update",
] as const;

// ---------- decode ----------

/**
 * Parses one EPP document. Throws {@link XmlError} for XML that is not well-formed or unsafe, and
 * {@link EppDecodeError} for well-formed XML that is not a valid EPP frame.
 */
export function decodeEpp(input: string | Uint8Array, limits: Partial<XmlLimits> = {}): EppFrame {
  const root = parseXml(input, limits);
  if (root.ns !== E || root.name !== "epp") {
    throw new EppDecodeError(
      "not-epp",
      `root element is {${root.ns ?? ""}}${root.name}, not {${E}}epp`,
      `/${root.name}`,
      root.line,
      root.column,
    );
  }
  const top = new Node(root, "/epp").only("of greeting, hello, command, response");
  if (top.ns !== E)
    fail("unexpected-element", `unexpected element {${top.ns ?? ""}}${top.name}`, top.el, top.path);
  switch (top.name) {
    case "greeting":
      return { type: "greeting", greeting: decodeGreeting(top) };
    case "hello":
      if (top.children().length > 0) fail("unexpected-element", "<hello> must be empty", top.el, top.path);
      return { type: "hello" };
    case "command":
      return decodeCommand(top);
    case "response":
      return { type: "response", response: decodeResponse(top) };
    default:
      return fail("unexpected-element", `<${top.name}> is not an EPP frame`, top.el, top.path);
  }
}

function decodeCommand(n: Node): EppFrame {
  if (n.text() !== "")
    fail("unexpected-element", "text is not allowed directly inside <command>", n.el, n.path);
  const verbs = n.children(E).filter((c) => (VERBS as readonly string[]).includes(c.name));
  const verb = verbs[0];
  if (!verb || verbs.length > 1)
    fail(verb ? "unexpected-element" : "missing-element", "expected exactly one command verb", n.el, n.path);
  for (const c of n.children()) {
    if (c.ns !== E || ![...VERBS, "extension", "clTRID"].includes(c.name))
      fail("unexpected-element", `unexpected element <${c.name}> in <command>`, c.el, c.path);
  }
  let command: EppCommand;
  if (verb.name === "login") command = decodeLogin(verb);
  else if (verb.name === "logout") command = { cmd: "logout" };
  else if (verb.name === "poll") {
    const op = verb.oneOf(verb.reqAttr("op"), ["req", "ack"] as const, "poll op");
    if (op === "req") command = { cmd: "poll", op };
    else {
      const msgID = verb.attr("msgID");
      if (msgID === undefined || msgID === "")
        fail("missing-element", "poll ack requires a msgID", verb.el, verb.path);
      command = { cmd: "poll", op, msgID };
    }
  } else {
    const body = verb.only("object element");
    const decoded =
      body.ns === NS.host
        ? decodeHostCommand(verb.name, body)
        : body.ns === NS.domain
          ? decodeDomainCommand(verb.name, body, verb)
          : body.ns === NS.contact
            ? decodeContactCommand(verb.name, body)
            : undefined;
    command = decoded ?? { cmd: "unsupported", verb: verb.name, objectNs: body.ns, object: body.name };
  }
  const frame: EppFrame = { type: "command", command, extensions: decodeExtensions(n.opt(E, "extension")) };
  const cl = n.optText(E, "clTRID");
  if (cl !== undefined) frame.clTRID = cl;
  return frame;
}

function decodeExtensions(n: Node | undefined): Extension[] {
  if (!n) return [];
  return n.children().map(
    (c) =>
      (c.ns === NS.secDNS ? decodeSecDns(c) : undefined) ?? {
        kind: "unknown",
        ns: c.ns,
        name: c.name,
        xml: elementToXml(c.el),
      },
  );
}

function decodeResult(r: Node): EppResult {
  const code = r.int(r.reqAttr("code"), "result code", 1000, 2999);
  if (!RESULT_CODES.has(code))
    fail("unknown-result-code", `result code ${code} is not defined by RFC 5730`, r.el, r.path);
  const msg = r.req(E, "msg");
  const out: EppResult = {
    code,
    msg: msg.text(),
    values: r.children(E, "value").map(
      (v) =>
        v
          .children()
          .map((c) => elementToXml(c.el))
          .join("") || v.text(),
    ),
    extValues: r.children(E, "extValue").map((ev) => {
      const v = ev.req(E, "value");
      return {
        value:
          v
            .children()
            .map((c) => elementToXml(c.el))
            .join("") || v.text(),
        reason: ev.reqText(E, "reason"),
      };
    }),
  };
  const lang = msg.attr("lang");
  if (lang !== undefined) out.lang = lang;
  return out;
}

function decodeResponse(n: Node): EppResponse {
  const results = n.children(E, "result").map(decodeResult);
  if (results.length === 0) fail("missing-element", "<result> is required", n.el, n.path);
  const tr = n.req(E, "trID");
  const resp: EppResponse = {
    results,
    resData: (n.opt(E, "resData")?.children() ?? []).map(decodeResData),
    extensions: decodeExtensions(n.opt(E, "extension")),
    trID: { svTRID: tr.reqText(E, "svTRID") },
  };
  const cl = tr.optText(E, "clTRID");
  if (cl !== undefined) resp.trID.clTRID = cl;
  const q = n.opt(E, "msgQ");
  if (q) {
    const msgQ: MsgQ = { count: q.int(q.reqAttr("count"), "msgQ count", 0, 2 ** 31), id: q.reqAttr("id") };
    const qDate = q.optText(E, "qDate");
    if (qDate !== undefined) msgQ.qDate = qDate;
    const m = q.opt(E, "msg");
    if (m) {
      // The message may be mixed content; keep its text, with any elements serialised.
      msgQ.msg = m.el.children
        .map((c) => (c.kind === "text" ? c.text : elementToXml(c)))
        .join("")
        .trim();
      const lang = m.attr("lang");
      if (lang !== undefined) msgQ.lang = lang;
    }
    resp.msgQ = msgQ;
  }
  return resp;
}

function decodeResData(c: Node): ResData {
  const d =
    c.ns === NS.host
      ? decodeHostResData(c)
      : c.ns === NS.domain
        ? decodeDomainResData(c)
        : c.ns === NS.contact
          ? decodeContactResData(c)
          : undefined;
  return d ?? { kind: "unknown", ns: c.ns, name: c.name, xml: elementToXml(c.el) };
}

// ---------- encode ----------

/** A fragment stored as XML text (result values, unknown extensions) re-parsed safely before it is re-emitted. */
function fragment(xml: string): XNode | string {
  if (!xml.trimStart().startsWith("<")) return xml;
  return fromParsed(parseXml(xml, { maxBytes: 65536 }));
}

function encodeExtensions(exts: Extension[]): XNode | undefined {
  if (exts.length === 0) return undefined;
  return x(
    "extension",
    {},
    exts.map((e) => {
      if (e.kind === "secDNS:infData") return encodeSecDns("infData", e.data);
      if (e.kind === "secDNS:create") return encodeSecDns("create", e.data);
      return fragment(e.xml);
    }),
  );
}

export function encodeCommandBody(c: EppCommand): XNode {
  switch (c.cmd) {
    case "login":
      return encodeLogin(c);
    case "logout":
      return x("logout");
    case "poll":
      return x("poll", c.op === "ack" ? { op: "ack", msgID: c.msgID } : { op: "req" });
    case "unsupported":
      throw new Error(`cannot encode unsupported command ${c.verb} ${c.object}`);
    default: {
      const enc: { verb: string; body: XNode; attrs?: Record<string, string> } = c.cmd.startsWith("host:")
        ? encodeHostCommand(c as Parameters<typeof encodeHostCommand>[0])
        : c.cmd.startsWith("domain:")
          ? encodeDomainCommand(c as Parameters<typeof encodeDomainCommand>[0])
          : encodeContactCommand(c as Parameters<typeof encodeContactCommand>[0]);
      return x(enc.verb, enc.attrs ?? {}, enc.body);
    }
  }
}

function encodeResData(r: ResData): XNode | string {
  if (r.kind === "unknown") return fragment(r.xml);
  const out = encodeHostResData(r) ?? encodeDomainResData(r) ?? encodeContactResData(r);
  if (!out) throw new Error(`cannot encode resData ${r.kind}`);
  return out;
}

export function encodeResponse(r: EppResponse): XNode {
  return x(
    "response",
    {},
    r.results.map((res) =>
      x(
        "result",
        { code: res.code },
        x("msg", { lang: res.lang }, res.msg),
        res.values.map((v) => x("value", {}, fragment(v))),
        res.extValues.map((ev) =>
          x("extValue", {}, x("value", {}, fragment(ev.value)), x("reason", {}, ev.reason)),
        ),
      ),
    ),
    r.msgQ &&
      x(
        "msgQ",
        { count: r.msgQ.count, id: r.msgQ.id },
        r.msgQ.qDate !== undefined && x("qDate", {}, r.msgQ.qDate),
        r.msgQ.msg !== undefined && x("msg", { lang: r.msgQ.lang }, r.msgQ.msg),
      ),
    r.resData.length > 0 && x("resData", {}, r.resData.map(encodeResData)),
    encodeExtensions(r.extensions),
    x(
      "trID",
      {},
      r.trID.clTRID !== undefined && x("clTRID", {}, r.trID.clTRID),
      x("svTRID", {}, r.trID.svTRID),
    ),
  );
}

/** Serialises a frame as a complete UTF-8 XML document (without the RFC 5734 length header). */
export function encodeEpp(f: EppFrame): string {
  let body: XNode;
  switch (f.type) {
    case "greeting":
      body = encodeGreeting(f.greeting);
      break;
    case "hello":
      body = x("hello");
      break;
    case "command":
      body = x(
        "command",
        {},
        encodeCommandBody(f.command),
        encodeExtensions(f.extensions),
        f.clTRID !== undefined && x("clTRID", {}, f.clTRID),
      );
      break;
    case "response":
      body = encodeResponse(f.response);
      break;
  }
  return serializeDocument(x("epp", { xmlns: E }, body));
}

/** Convenience for servers: a response with one result and no data. */
export function simpleResponse(
  code: number,
  trID: { clTRID?: string; svTRID: string },
  msg?: string,
): EppFrame {
  const text = msg ?? RESULT_CODES.get(code)?.meaning ?? "Command failed";
  return {
    type: "response",
    response: {
      results: [{ code, msg: text, values: [], extValues: [] }],
      resData: [],
      extensions: [],
      trID,
    },
  };
}
