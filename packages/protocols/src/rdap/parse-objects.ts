/**
 * RDAP object classes (RFC 9083 §5: domain, nameserver, entity, IP network, autnum) and their
 * class-specific members (variants, secureDNS, ipAddresses, roles, RFC 9082 cidr0). Nested objects
 * are read to `maxDepth`; a wrong or missing objectClassName drops the object with a finding.
 */
import { checkLdhName, validIpv4, validIpv6 } from "./checks";
import { member } from "./findings";
import { decodeJCard } from "./jcard";
import {
  arr,
  CLASS_CODES,
  type Ctx,
  common,
  isObj,
  type Json,
  parseEvent,
  parsePublicIds,
  str,
  strings,
  strip,
} from "./parse-common";
import type { Autnum, Domain, Entity, IpNetwork, Nameserver, ObjectClassName, RdapObject } from "./schemas";
import { ROLES, VARIANT_RELATIONS } from "./values";

export function nested(
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
