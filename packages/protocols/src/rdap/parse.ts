/**
 * Tolerant RDAP response parsing (RFC 9083 + RFC 8977/8982/9537 members). Anything a server
 * sends that has the shape of an RDAP response parses; what does not conform is dropped from the
 * typed model and reported as a finding. Only a body that is not an RDAP response at all fails.
 */
import { type Finding, Findings, index, member } from "./findings";
import { decodeJCard } from "./jcard";
import { type JsonLimits, parseJsonText } from "./json";
import { checkLdhName, checkPort43, isDateTime, LANG_PATTERN, validIpv4, validIpv6 } from "./checks";
import type {
  Autnum,
  Domain,
  Entity,
  IpNetwork,
  Link,
  Nameserver,
  Notice,
  ObjectClassName,
  PublicId,
  RdapError,
  RdapEvent,
  RdapObject,
  Redaction,
  SearchResultMember,
  SortingMetadata,
  PagingMetadata,
  SubsettingMetadata,
  TopLevel,
} from "./schemas";
import { SEARCH_RESULT_MEMBERS } from "./schemas";
import { EVENT_ACTIONS, NOTICE_TYPES, ROLES, STATUS_VALUES, VARIANT_RELATIONS } from "./values";

export type ResponseKind = "object" | "search" | "error" | "help";

export interface ParsedRdap {
  kind: ResponseKind;
  /** For `object`: the object; for `search`: the results. */
  object?: RdapObject;
  searchMember?: SearchResultMember;
  results?: RdapObject[];
  error?: RdapError;
  top: TopLevel;
  findings: Finding[];
}

export type ParseOutcome = { ok: true; response: ParsedRdap } | { ok: false; reason: string };

export interface ParseOptions {
  /** Nested objects (entities of entities …) deeper than this are dropped with a finding. */
  maxObjectDepth?: number;
  /** HTTP status the response came with, to check error responses against. */
  httpStatus?: number;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

interface Ctx {
  f: Findings;
  maxDepth: number;
  /** Extension members seen anywhere, checked against rdapConformance at the end. */
  used: Set<string>;
}

// ICANN codes per object class (rdap_<class>.json: objectClassName, handle, noticesTopMost).
const CLASS_CODES: Record<ObjectClassName, { cls: number; handle: number; topMost: number }> = {
  domain: { cls: -12203, handle: -12204, topMost: -12218 },
  nameserver: { cls: -12403, handle: -12404, topMost: -12415 },
  entity: { cls: -12303, handle: -12304, topMost: -12316 },
  "ip network": { cls: -12303, handle: -12304, topMost: -12316 },
  autnum: { cls: -12303, handle: -12304, topMost: -12316 },
};

function str(o: Json, key: string, path: string, ctx: Ctx, code: string | number): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  ctx.f.error(code, member(path, key), `${key} is ${typeof v}, not a string`);
  return undefined;
}

function arr<T>(
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

const strings = (ctx: Ctx, code: string | number) => (v: unknown, p: string) => {
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

const links = (o: Json, p: string, ctx: Ctx): Link[] =>
  arr(o, "links", p, ctx, -10600, (v, ip) => parseLink(v, ip, ctx));

function parseNotice(v: unknown, p: string, ctx: Ctx): Notice | undefined {
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

function parseEvent(v: unknown, p: string, ctx: Ctx): RdapEvent | undefined {
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

function parsePublicIds(o: Json, p: string, ctx: Ctx): PublicId[] {
  return arr(o, "publicIds", p, ctx, -11200, (v, ip) => {
    if (!isObj(v) || typeof v.type !== "string" || typeof v.identifier !== "string") {
      ctx.f.error(-11203, ip, "publicId needs string type and identifier");
      return undefined;
    }
    return { type: v.type, identifier: v.identifier };
  });
}

function parseRedactions(o: Json, p: string, ctx: Ctx): Redaction[] {
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
function common(o: Json, p: string, ctx: Ctx, cls: ObjectClassName) {
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

function nested(
  o: Json,
  key: string,
  p: string,
  ctx: Ctx,
  depth: number,
  cls: ObjectClassName,
): RdapObject[] {
  return arr(o, key, p, ctx, `${key}.structure`, (v, ip) => parseObject(v, ip, ctx, depth + 1, cls));
}

export function parseObject(
  v: unknown,
  p: string,
  ctx: Ctx,
  depth: number,
  expected?: ObjectClassName,
): RdapObject | undefined {
  if (!isObj(v)) {
    ctx.f.error("object.structure", p, "object is not a JSON object");
    return undefined;
  }
  if (depth > ctx.maxDepth) {
    ctx.f.error("object.depth", p, `objects nested deeper than ${ctx.maxDepth} levels are not read`);
    return undefined;
  }
  const cls = v.objectClassName;
  if (typeof cls !== "string" || !(cls in CLASS_CODES)) {
    const code = expected ? CLASS_CODES[expected].cls : -12303;
    ctx.f.error(
      code,
      member(p, "objectClassName"),
      `objectClassName ${JSON.stringify(cls)} is not an RDAP class`,
    );
    return undefined;
  }
  const k = cls as ObjectClassName;
  if (expected && k !== expected) {
    ctx.f.error(CLASS_CODES[expected].cls, member(p, "objectClassName"), `expected ${expected}, got ${k}`);
    return undefined;
  }
  if (depth > 0) {
    for (const top of ["notices", "rdapConformance"])
      if (v[top] !== undefined)
        ctx.f.warn(CLASS_CODES[k].topMost, member(p, top), `${top} belongs only at the top of a response`);
  }
  const entities = () => nested(v, "entities", p, ctx, depth, "entity") as Entity[];
  switch (k) {
    case "domain": {
      const d: Domain = {
        objectClassName: "domain",
        ...common(v, p, ctx, k),
        ldhName: str(v, "ldhName", p, ctx, -12205),
        unicodeName: str(v, "unicodeName", p, ctx, -12206),
        variants: arr(v, "variants", p, ctx, -11500, (x, ip) => parseVariant(x, ip, ctx)),
        nameservers: nested(v, "nameservers", p, ctx, depth, "nameserver") as Nameserver[],
        publicIds: parsePublicIds(v, p, ctx),
        entities: entities(),
      };
      if (d.ldhName !== undefined) checkLdhName(d.ldhName, member(p, "ldhName"), ctx.f);
      const sd = parseSecureDns(v.secureDNS, member(p, "secureDNS"), ctx);
      if (sd) d.secureDNS = sd;
      if (v.network !== undefined) {
        const n = parseObject(v.network, member(p, "network"), ctx, depth + 1, "ip network");
        if (n) d.network = n as IpNetwork;
      }
      return strip(d);
    }
    case "nameserver": {
      const n: Nameserver = {
        objectClassName: "nameserver",
        ...common(v, p, ctx, k),
        ldhName: str(v, "ldhName", p, ctx, -12405),
        unicodeName: str(v, "unicodeName", p, ctx, -12406),
        entities: entities(),
      };
      if (n.ldhName !== undefined) checkLdhName(n.ldhName, member(p, "ldhName"), ctx.f);
      if (v.ipAddresses !== undefined) {
        const ip = parseIpAddresses(v.ipAddresses, member(p, "ipAddresses"), ctx);
        if (ip) n.ipAddresses = ip;
      }
      return strip(n);
    }
    case "entity": {
      const e: Entity = {
        objectClassName: "entity",
        ...common(v, p, ctx, k),
        roles: parseRoles(v, p, ctx),
        publicIds: parsePublicIds(v, p, ctx),
        asEventActor: arr(v, "asEventActor", p, ctx, -11300, (x, ip) => parseEvent(x, ip, ctx)),
        entities: entities(),
        networks: nested(v, "networks", p, ctx, depth, "ip network") as IpNetwork[],
        autnums: nested(v, "autnums", p, ctx, depth, "autnum") as Autnum[],
      };
      if (v.vcardArray !== undefined) e.contact = decodeJCard(v.vcardArray, member(p, "vcardArray"), ctx.f);
      return strip(e);
    }
    case "ip network": {
      const n: IpNetwork = {
        objectClassName: "ip network",
        ...common(v, p, ctx, k),
        startAddress: str(v, "startAddress", p, ctx, -12300),
        endAddress: str(v, "endAddress", p, ctx, -12300),
        name: str(v, "name", p, ctx, -12300),
        type: str(v, "type", p, ctx, -12300),
        country: str(v, "country", p, ctx, -12300),
        parentHandle: str(v, "parentHandle", p, ctx, -12300),
        cidrs: parseCidrs(v, p, ctx),
        entities: entities(),
      };
      const ver = v.ipVersion;
      if (ver === "v4" || ver === "v6") n.ipVersion = ver;
      else if (ver !== undefined) ctx.f.error(-12300, member(p, "ipVersion"), "ipVersion is not v4 or v6");
      for (const key of ["startAddress", "endAddress"] as const) {
        const a = n[key];
        if (a === undefined) continue;
        const ok =
          n.ipVersion === "v6"
            ? validIpv6(a)
            : n.ipVersion === "v4"
              ? validIpv4(a)
              : validIpv4(a) || validIpv6(a);
        if (!ok) ctx.f.error(-12300, member(p, key), `"${a}" is not an IP${n.ipVersion ?? ""} address`);
      }
      return strip(n);
    }
    case "autnum": {
      const num = (key: string) => {
        const x = v[key];
        if (x === undefined) return undefined;
        if (typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 4294967295) return x;
        ctx.f.error(-12300, member(p, key), `${key} is not an AS number`);
        return undefined;
      };
      const a: Autnum = {
        objectClassName: "autnum",
        ...common(v, p, ctx, k),
        startAutnum: num("startAutnum"),
        endAutnum: num("endAutnum"),
        name: str(v, "name", p, ctx, -12300),
        type: str(v, "type", p, ctx, -12300),
        country: str(v, "country", p, ctx, -12300),
        entities: entities(),
      };
      return strip(a);
    }
  }
}

/** Drops members left undefined so the model matches what the server actually sent. */
function strip<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}

function parseRoles(o: Json, p: string, ctx: Ctx): string[] {
  const seen = new Set<string>();
  return arr(o, "roles", p, ctx, -11800, (v, ip) => {
    if (typeof v !== "string") {
      ctx.f.error(-11801, ip, "role is not a string");
      return undefined;
    }
    if (!ROLES.has(v)) ctx.f.warn(-11802, ip, `"${v}" is not a registered role`);
    if (seen.has(v)) ctx.f.warn(-11803, ip, `role "${v}" appears twice`);
    seen.add(v);
    return v;
  });
}

function parseVariant(v: unknown, p: string, ctx: Ctx): Domain["variants"][number] | undefined {
  if (!isObj(v)) {
    ctx.f.error(-11500, p, "variant is not an object");
    return undefined;
  }
  const relation = arr(v, "relation", p, ctx, -11503, strings(ctx, -11504));
  for (const r of relation)
    if (!VARIANT_RELATIONS.has(r))
      ctx.f.warn(-11505, member(p, "relation"), `"${r}" is not a registered relation`);
  const variantNames = arr(v, "variantNames", p, ctx, -11507, (x) =>
    isObj(x)
      ? {
          ...(typeof x.ldhName === "string" ? { ldhName: x.ldhName } : {}),
          ...(typeof x.unicodeName === "string" ? { unicodeName: x.unicodeName } : {}),
        }
      : undefined,
  );
  const idnTable = str(v, "idnTable", p, ctx, -11506);
  return { relation, variantNames, ...(idnTable !== undefined ? { idnTable } : {}) };
}

function parseSecureDns(v: unknown, p: string, ctx: Ctx): Domain["secureDNS"] {
  if (v === undefined) return undefined;
  if (!isObj(v)) {
    ctx.f.error(-12000, p, "secureDNS is not an object");
    return undefined;
  }
  const bool = (k: string, code: number) => {
    if (v[k] === undefined) return undefined;
    if (typeof v[k] === "boolean") return v[k] as boolean;
    ctx.f.error(code, member(p, k), `${k} is not a boolean`);
    return undefined;
  };
  const ints = (x: Json, keys: string[]) => keys.every((k) => typeof x[k] === "number");
  const out: NonNullable<Domain["secureDNS"]> = {
    dsData: arr(v, "dsData", p, ctx, -12008, (x, ip) => {
      if (isObj(x) && ints(x, ["keyTag", "algorithm", "digestType"]) && typeof x.digest === "string")
        return {
          keyTag: x.keyTag as number,
          algorithm: x.algorithm as number,
          digestType: x.digestType as number,
          digest: x.digest,
        };
      ctx.f.error(-12011, ip, "dsData needs keyTag, algorithm, digestType and digest");
      return undefined;
    }),
    keyData: arr(v, "keyData", p, ctx, -12018, (x, ip) => {
      if (isObj(x) && ints(x, ["flags", "protocol", "algorithm"]) && typeof x.publicKey === "string")
        return {
          flags: x.flags as number,
          protocol: x.protocol as number,
          algorithm: x.algorithm as number,
          publicKey: x.publicKey,
        };
      ctx.f.error(-12021, ip, "keyData needs flags, protocol, algorithm and publicKey");
      return undefined;
    }),
  };
  const zs = bool("zoneSigned", -12003);
  const ds = bool("delegationSigned", -12005);
  if (zs !== undefined) out.zoneSigned = zs;
  if (ds !== undefined) out.delegationSigned = ds;
  if (typeof v.maxSigLife === "number") out.maxSigLife = v.maxSigLife;
  return out;
}

function parseIpAddresses(v: unknown, p: string, ctx: Ctx): Nameserver["ipAddresses"] {
  if (!isObj(v)) {
    ctx.f.error(-11400, p, "ipAddresses is not an object");
    return undefined;
  }
  const list = (key: "v4" | "v6", valid: (s: string) => boolean, code: number) =>
    arr(v, key, p, ctx, -11400, (x, ip) => {
      if (typeof x === "string" && valid(x)) return x;
      ctx.f.error(code, ip, `${JSON.stringify(x)} is not an IP${key} address`);
      return undefined;
    });
  return { v4: list("v4", validIpv4, -11406), v6: list("v6", validIpv6, -11407) };
}

function parseCidrs(o: Json, p: string, ctx: Ctx): string[] {
  if (o.cidr0_cidrs !== undefined) ctx.used.add("cidr0");
  return arr(o, "cidr0_cidrs", p, ctx, "cidr0.structure", (v, ip) => {
    if (isObj(v) && typeof v.length === "number") {
      if (typeof v.v4prefix === "string") return `${v.v4prefix}/${v.length}`;
      if (typeof v.v6prefix === "string") return `${v.v6prefix}/${v.length}`;
    }
    ctx.f.error("cidr0.structure", ip, "cidr0 entry needs v4prefix or v6prefix and length");
    return undefined;
  });
}

function parseSorting(v: unknown, p: string, ctx: Ctx): SortingMetadata | undefined {
  if (!isObj(v)) {
    ctx.f.error("sorting.structure", p, "sorting_metadata is not an object");
    return undefined;
  }
  const s: SortingMetadata = {
    availableSorts: arr(v, "availableSorts", p, ctx, "sorting.structure", (x, ip) => {
      if (!isObj(x) || typeof x.property !== "string") {
        ctx.f.error("sorting.property", ip, "available sort has no property");
        return undefined;
      }
      if (typeof x.default !== "boolean")
        ctx.f.warn("sorting.default", ip, "available sort has no boolean default");
      const jsonPath = str(x, "jsonPath", ip, ctx, "sorting.jsonPath");
      return {
        property: x.property,
        default: x.default === true,
        links: links(x, ip, ctx),
        ...(jsonPath !== undefined ? { jsonPath } : {}),
      };
    }),
  };
  const cur = str(v, "currentSort", p, ctx, "sorting.currentSort");
  if (cur !== undefined) {
    s.currentSort = cur;
    const known = new Set(s.availableSorts.map((a) => a.property));
    for (const part of cur.split(",")) {
      const prop = part.replace(/:[ad]$/, "");
      if (known.size && !known.has(prop))
        ctx.f.warn("sorting.currentSort", member(p, "currentSort"), `"${prop}" is not among availableSorts`);
    }
  }
  if (s.availableSorts.filter((a) => a.default).length > 1)
    ctx.f.warn("sorting.default", member(p, "availableSorts"), "more than one default sort");
  return s;
}

function parsePaging(v: unknown, p: string, ctx: Ctx): PagingMetadata | undefined {
  if (!isObj(v)) {
    ctx.f.error("paging.structure", p, "paging_metadata is not an object");
    return undefined;
  }
  const m: PagingMetadata = { links: links(v, p, ctx) };
  for (const k of ["totalCount", "pageSize", "pageNumber"] as const) {
    const x = v[k];
    if (x === undefined) continue;
    if (typeof x === "number" && Number.isInteger(x) && x >= 0) m[k] = x;
    else ctx.f.error(`paging.${k}`, member(p, k), `${k} is not a non-negative integer`);
  }
  for (const l of m.links)
    if (l.rel !== "next" && l.rel !== "prev" && l.rel !== "first" && l.rel !== "last")
      ctx.f.warn(
        "paging.links",
        member(p, "links"),
        `paging link rel "${l.rel ?? ""}" is not next/prev/first/last`,
      );
  return m;
}

function parseSubsetting(v: unknown, p: string, ctx: Ctx): SubsettingMetadata | undefined {
  if (!isObj(v) || typeof v.currentFieldSet !== "string") {
    ctx.f.error("subsetting.currentFieldSet", p, "subsetting_metadata needs a currentFieldSet string");
    return undefined;
  }
  const m: SubsettingMetadata = {
    currentFieldSet: v.currentFieldSet,
    availableFieldSets: arr(v, "availableFieldSets", p, ctx, "subsetting.structure", (x, ip) => {
      if (!isObj(x) || typeof x.name !== "string") {
        ctx.f.error("subsetting.name", ip, "available field set has no name");
        return undefined;
      }
      if (typeof x.default !== "boolean")
        ctx.f.warn("subsetting.default", ip, "available field set has no boolean default");
      const description = str(x, "description", ip, ctx, "subsetting.description");
      return {
        name: x.name,
        default: x.default === true,
        links: links(x, ip, ctx),
        ...(description !== undefined ? { description } : {}),
      };
    }),
  };
  const names = new Set(m.availableFieldSets.map((a) => a.name));
  if (names.size && !names.has(m.currentFieldSet))
    ctx.f.warn("subsetting.currentFieldSet", p, `"${m.currentFieldSet}" is not among availableFieldSets`);
  return m;
}

function parseError(o: Json, p: string, ctx: Ctx, httpStatus?: number): RdapError {
  const e: RdapError = { errorCode: 0, description: [] };
  const code = o.errorCode;
  if (code === undefined) ctx.f.error(-12101, p, "error response has no errorCode");
  else if (typeof code === "number" && Number.isInteger(code)) e.errorCode = code;
  else ctx.f.error(-12103, member(p, "errorCode"), "errorCode is not an integer");
  const title = str(o, "title", p, ctx, -12104);
  if (title !== undefined) e.title = title;
  e.description = arr(o, "description", p, ctx, -12105, strings(ctx, -12106));
  if (httpStatus !== undefined && e.errorCode && httpStatus !== e.errorCode)
    ctx.f.warn(
      "error.status",
      member(p, "errorCode"),
      `errorCode ${e.errorCode} differs from HTTP status ${httpStatus}`,
    );
  return e;
}

/** Parses a decoded JSON value as an RDAP response. */
export function parseRdapResponse(json: unknown, options: ParseOptions = {}): ParseOutcome {
  if (!isObj(json))
    return {
      ok: false,
      reason: `an RDAP response is a JSON object, this is ${Array.isArray(json) ? "an array" : typeof json}`,
    };
  const ctx: Ctx = { f: new Findings(), maxDepth: options.maxObjectDepth ?? 16, used: new Set() };
  const p = "$";
  const searchMember = (Object.keys(SEARCH_RESULT_MEMBERS) as SearchResultMember[]).find(
    (k) => json[k] !== undefined,
  );
  const cls = json.objectClassName;
  let kind: ResponseKind;
  if (typeof cls === "string") {
    if (!(cls in CLASS_CODES))
      return { ok: false, reason: `objectClassName "${cls}" is not an RDAP object class` };
    kind = "object";
  } else if (searchMember) kind = "search";
  else if (json.errorCode !== undefined) kind = "error";
  else if (json.rdapConformance !== undefined || json.notices !== undefined) kind = "help";
  else
    return {
      ok: false,
      reason:
        "not an RDAP response: no objectClassName, search results, errorCode, rdapConformance or notices",
    };

  const top: TopLevel = {
    rdapConformance: arr(json, "rdapConformance", p, ctx, -10500, strings(ctx, -10501)),
    notices: arr(json, "notices", p, ctx, -10700, (v, ip) => parseNotice(v, ip, ctx)),
    redacted: [],
  };
  if (!top.rdapConformance.includes("rdap_level_0"))
    ctx.f.error(-10503, member(p, "rdapConformance"), "rdapConformance is missing or lacks rdap_level_0");
  const lang = str(json, "lang", p, ctx, -10800);
  if (lang !== undefined) top.lang = lang;
  if (json.sorting_metadata !== undefined) {
    ctx.used.add("sorting");
    top.sorting = parseSorting(json.sorting_metadata, member(p, "sorting_metadata"), ctx);
  }
  if (json.paging_metadata !== undefined) {
    ctx.used.add("paging");
    top.paging = parsePaging(json.paging_metadata, member(p, "paging_metadata"), ctx);
  }
  if (json.subsetting_metadata !== undefined) {
    ctx.used.add("subsetting");
    top.subsetting = parseSubsetting(json.subsetting_metadata, member(p, "subsetting_metadata"), ctx);
  }
  for (const k of ["sorting", "paging", "subsetting"] as const) if (top[k] === undefined) delete top[k];

  const out: ParsedRdap = { kind, top, findings: ctx.f.list };
  if (kind === "object") {
    out.object = parseObject(json, p, ctx, 0);
    if (out.object) top.redacted = out.object.redacted;
  } else if (kind === "search" && searchMember) {
    out.searchMember = searchMember;
    out.results = nested(json, searchMember, p, ctx, -1, SEARCH_RESULT_MEMBERS[searchMember]);
    top.redacted = parseRedactions(json, p, ctx);
    const size = top.paging?.pageSize;
    if (size !== undefined && out.results.length > size)
      ctx.f.warn(
        "paging.pageSize",
        "$.paging_metadata.pageSize",
        `${out.results.length} results exceed pageSize ${size}`,
      );
  } else if (kind === "error") {
    out.error = parseError(json, p, ctx, options.httpStatus);
  }
  for (const ext of ctx.used)
    if (
      !top.rdapConformance.includes(ext) &&
      !(ext === "redacted" && top.rdapConformance.includes("redacted_0"))
    )
      ctx.f.warn(
        "extension.undeclared",
        member(p, "rdapConformance"),
        `members of the "${ext}" extension are used but "${ext}" is not declared`,
      );
  return { ok: true, response: out };
}

/** Parses response text: JSON limits first, then `parseRdapResponse`. */
export function parseRdapText(
  text: string,
  options: ParseOptions & { json?: JsonLimits } = {},
): ParseOutcome {
  const j = parseJsonText(text, options.json);
  if (!j.ok) return j;
  return parseRdapResponse(j.value, options);
}
