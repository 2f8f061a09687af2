/**
 * RDAP members shared by every object class (RFC 9083 §4, §5: links, notices and remarks, events,
 * status, public ids, port43, lang) and RFC 9537 redactions, plus the typed readers the class and
 * metadata parsers build on. Each reader drops what does not conform and records a finding.
 */
import { checkPort43, isDateTime, LANG_PATTERN } from "./checks";
import { type Findings, index, member } from "./findings";
import type { Link, Notice, ObjectClassName, PublicId, RdapEvent, Redaction } from "./schemas";
import { EVENT_ACTIONS, NOTICE_TYPES, STATUS_VALUES } from "./values";

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parse state: findings so far, the nesting limit, extensions whose members were seen. */
export interface Ctx {
  f: Findings;
  maxDepth: number;
  /** Extension members seen anywhere, checked against rdapConformance at the end. */
  used: Set<string>;
}

// ICANN codes per object class (rdap_<class>.json: objectClassName, handle, noticesTopMost).
export const CLASS_CODES: Record<ObjectClassName, { cls: number; handle: number; topMost: number }> = {
  domain: { cls: -12203, handle: -12204, topMost: -12218 },
  nameserver: { cls: -12403, handle: -12404, topMost: -12415 },
  entity: { cls: -12303, handle: -12304, topMost: -12316 },
  "ip network": { cls: -12303, handle: -12304, topMost: -12316 },
  autnum: { cls: -12303, handle: -12304, topMost: -12316 },
};

export function str(o: Json, key: string, path: string, ctx: Ctx, code: string | number): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  ctx.f.error(code, member(path, key), `${key} is ${typeof v}, not a string`);
  return undefined;
}

export function arr<T>(
  o: Json,
  key: string,
  path: string,
  ctx: Ctx,
  code: string | number,
  item: (v: unknown, p: string) => T | undefined,
): T[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  const p = member(path, key);
  if (!Array.isArray(v)) {
    ctx.f.error(code, p, `${key} is not an array`);
    return [];
  }
  const out: T[] = [];
  for (const [i, x] of v.entries()) {
    const r = item(x, index(p, i));
    if (r !== undefined) out.push(r);
  }
  return out;
}

export const strings = (ctx: Ctx, code: string | number) => (v: unknown, p: string) => {
  if (typeof v === "string") return v;
  ctx.f.error(code, p, "not a string");
  return undefined;
};

export function parseLink(v: unknown, p: string, ctx: Ctx): Link | undefined {
  if (!isObj(v)) {
    ctx.f.error(-10600, p, "link is not an object");
    return undefined;
  }
  const href = str(v, "href", p, ctx, -10611);
  if (href === undefined) {
    ctx.f.error(-10610, p, "link has no href");
    return undefined;
  }
  checkUri(href, member(p, "href"), ctx, -10611);
  const link: Link = { href };
  link.value = str(v, "value", p, ctx, -10609);
  link.rel = str(v, "rel", p, ctx, -10604);
  link.type = str(v, "type", p, ctx, -10605);
  link.title = str(v, "title", p, ctx, -10606);
  link.media = str(v, "media", p, ctx, -10603);
  if (link.value === undefined) ctx.f.error("link.value-missing", p, "link has no value (RFC 9083 §4.2)");
  if (link.rel === undefined) ctx.f.error("link.rel-missing", p, "link has no rel (RFC 9083 §4.2)");
  const hl = v.hreflang;
  if (typeof hl === "string") link.hreflang = [hl];
  else if (Array.isArray(hl)) link.hreflang = hl.filter((x): x is string => typeof x === "string");
  else if (hl !== undefined) ctx.f.error(-10607, member(p, "hreflang"), "hreflang is not a string or array");
  for (const k of Object.keys(link) as (keyof Link)[]) if (link[k] === undefined) delete link[k];
  return link;
}

function checkUri(uri: string, p: string, ctx: Ctx, code: number): void {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    ctx.f.error(-10400, p, `not a valid URI: ${JSON.stringify(uri.slice(0, 200))}`);
    return;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    ctx.f.error(-10401, p, `URI scheme ${u.protocol} is not http or https`);
  void code;
}

export const links = (o: Json, p: string, ctx: Ctx): Link[] =>
  arr(o, "links", p, ctx, -10600, (v, ip) => parseLink(v, ip, ctx));

export function parseNotice(v: unknown, p: string, ctx: Ctx): Notice | undefined {
  if (!isObj(v)) {
    ctx.f.error(-10700, p, "notice/remark is not an object");
    return undefined;
  }
  const n: Notice = {
    title: str(v, "title", p, ctx, -10703),
    type: str(v, "type", p, ctx, -10705),
    description: [],
    links: links(v, p, ctx),
  };
  if (v.description === undefined) ctx.f.error(-10707, p, "notice/remark has no description");
  else n.description = arr(v, "description", p, ctx, -10708, strings(ctx, -10709));
  if (n.type !== undefined && !NOTICE_TYPES.has(n.type))
    ctx.f.warn(-10706, member(p, "type"), `"${n.type}" is not a registered notice/remark type`);
  if (n.title === undefined) delete n.title;
  if (n.type === undefined) delete n.type;
  return n;
}

export function parseEvent(v: unknown, p: string, ctx: Ctx): RdapEvent | undefined {
  if (!isObj(v)) {
    ctx.f.error(-10900, p, "event is not an object");
    return undefined;
  }
  const eventAction = str(v, "eventAction", p, ctx, -10904);
  const eventDate = str(v, "eventDate", p, ctx, -10907);
  if (eventAction === undefined) ctx.f.error(-10903, p, "event has no eventAction");
  if (eventDate === undefined) ctx.f.error(-10906, p, "event has no eventDate");
  if (eventAction === undefined || eventDate === undefined) return undefined;
  if (!EVENT_ACTIONS.has(eventAction))
    ctx.f.warn(-10905, member(p, "eventAction"), `"${eventAction}" is not a registered event action`);
  if (!isDateTime(eventDate))
    ctx.f.error(-10908, member(p, "eventDate"), `"${eventDate}" is not an RFC 3339 date-time`);
  const e: RdapEvent = { eventAction, eventDate, links: links(v, p, ctx) };
  const actor = str(v, "eventActor", p, ctx, -10909);
  if (actor !== undefined) e.eventActor = actor;
  return e;
}

function parseStatus(o: Json, p: string, ctx: Ctx): string[] {
  return arr(o, "status", p, ctx, -11000, (v, ip) => {
    if (typeof v !== "string") {
      ctx.f.error(-11001, ip, "status value is not a string");
      return undefined;
    }
    if (!STATUS_VALUES.has(v)) ctx.f.warn(-11002, ip, `"${v}" is not a registered status value`);
    return v;
  });
}

export function parsePublicIds(o: Json, p: string, ctx: Ctx): PublicId[] {
  return arr(o, "publicIds", p, ctx, -11200, (v, ip) => {
    if (!isObj(v) || typeof v.type !== "string" || typeof v.identifier !== "string") {
      ctx.f.error(-11203, ip, "publicId needs string type and identifier");
      return undefined;
    }
    return { type: v.type, identifier: v.identifier };
  });
}

export function parseRedactions(o: Json, p: string, ctx: Ctx): Redaction[] {
  if (o.redacted !== undefined) ctx.used.add("redacted");
  return arr(o, "redacted", p, ctx, "redacted.structure", (v, ip) => {
    if (!isObj(v) || !isObj(v.name)) {
      ctx.f.error("redacted.name", ip, "redaction has no name object (RFC 9537 §4.2)");
      return undefined;
    }
    const td = (x: Json) => ({
      ...(typeof x.type === "string" ? { type: x.type } : {}),
      ...(typeof x.description === "string" ? { description: x.description } : {}),
    });
    const r: Redaction = { name: td(v.name), method: "removal" };
    if (isObj(v.reason)) r.reason = td(v.reason);
    for (const k of ["prePath", "postPath", "replacementPath", "pathLang"] as const) {
      const s = str(v, k, ip, ctx, `redacted.${k}`);
      if (s !== undefined) r[k] = s;
    }
    const method = str(v, "method", ip, ctx, "redacted.method");
    if (method !== undefined) {
      if (!["removal", "emptyValue", "partialValue", "replacementValue"].includes(method))
        ctx.f.warn("redacted.method", member(ip, "method"), `"${method}" is not an RFC 9537 method`);
      r.method = method;
    }
    return r;
  });
}

/** Members every object class has (RFC 9083 §4, §5). */
export function common(o: Json, p: string, ctx: Ctx, cls: ObjectClassName) {
  const codes = CLASS_CODES[cls];
  const c = {
    handle: str(o, "handle", p, ctx, codes.handle),
    links: links(o, p, ctx),
    remarks: arr(o, "remarks", p, ctx, -10700, (v, ip) => parseNotice(v, ip, ctx)),
    events: arr(o, "events", p, ctx, -10900, (v, ip) => parseEvent(v, ip, ctx)),
    status: parseStatus(o, p, ctx),
    port43: str(o, "port43", p, ctx, -11100),
    lang: str(o, "lang", p, ctx, -10800),
    redacted: parseRedactions(o, p, ctx),
  };
  if (c.port43 !== undefined && !checkPort43(c.port43))
    ctx.f.error(-11100, member(p, "port43"), `"${c.port43}" is not a host name or IP address`);
  if (c.lang !== undefined && !LANG_PATTERN.test(c.lang))
    ctx.f.warn(-10800, member(p, "lang"), `"${c.lang}" is not a language tag`);
  return c;
}

/** Drops members left undefined so the model matches what the server actually sent. */
export function strip<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}
