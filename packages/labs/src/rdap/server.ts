/**
 * The LAB RDAP server: plain HTTP on loopback, serving a LabRdapStore — domain, nameserver and
 * entity lookups; domains, nameservers and entities searches with RFC 8977 sorting, counting and
 * paging (offset or keyset cursors) and RFC 8982 field sets; RFC 9083 §6 errors (400, 404).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  errorBody,
  matchesPattern,
  RDAP_MEDIA_TYPE,
  type SearchKind,
  serveSearch,
} from "@netops/protocols/rdap";
import { type DomainParts, domainJson, entityJson, LAB_NOTICE, nameserverJson } from "./render";
import type { LabDomain, LabRdapStore } from "./store";

type Json = Record<string, unknown>;

export interface LabRdapServerOptions {
  store: LabRdapStore;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  pageSize?: number;
  cursorKind?: "offset" | "keyset";
}

export interface LabRdapServer {
  /** Base URL, ending in "/" (RFC 9224 §3), e.g. http://127.0.0.1:41234/rdap/ */
  baseUrl: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Upper bound on what one search reads from the store. */
const MAX_OBJECTS = 10_000;
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export async function startLabRdapServer(o: LabRdapServerOptions): Promise<LabRdapServer> {
  const host = o.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`the lab RDAP server listens on loopback only, not ${host}`);
  let baseUrl = "";
  const server = http.createServer((req, res) => {
    handle(o, baseUrl, req)
      .catch((e: Error) => ({ status: 500, body: errorBody(500, "Internal Server Error", [e.message]) }))
      .then(({ status, body }) => {
        const text = JSON.stringify(body);
        res.writeHead(status, {
          "content-type": RDAP_MEDIA_TYPE,
          "content-length": Buffer.byteLength(text),
          // RFC 7480 §5.6: browsers' clients may read RDAP across origins.
          "access-control-allow-origin": "*",
          "cache-control": "no-store",
        });
        res.end(req.method === "HEAD" ? undefined : text);
      });
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}/rdap/`;
  return {
    baseUrl,
    host,
    port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

type Answer = { status: number; body: Json };

const top = (body: Json, extra: string[] = []): Json => ({
  rdapConformance: ["rdap_level_0", ...extra],
  notices: [LAB_NOTICE],
  ...body,
});
const notFound = (what: string): Answer => ({
  status: 404,
  body: errorBody(404, "Not Found", [`${what} is not in the lab registry`]),
});
const badRequest = (why: string): Answer => ({ status: 400, body: errorBody(400, "Bad Request", [why]) });

async function handle(o: LabRdapServerOptions, base: string, req: http.IncomingMessage): Promise<Answer> {
  if (req.method !== "GET" && req.method !== "HEAD")
    return { status: 405, body: errorBody(405, "Method Not Allowed", ["RDAP is read with GET"]) };
  const url = new URL(req.url ?? "/", base);
  if (!url.pathname.startsWith("/rdap/")) return notFound(url.pathname);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice("/rdap/".length));
  } catch {
    return badRequest("the path is not valid percent-encoding");
  }
  const [kind = "", ...rest] = path.split("/");
  const arg = rest.join("/").replace(/\.$/, "");
  const { store } = o;
  switch (kind) {
    case "domain":
    case "registrar": {
      // registrar/domain/<name>: the lab registrar's own copy, which `related` links point to.
      const name = kind === "registrar" ? (rest[0] === "domain" ? rest.slice(1).join("/") : "") : arg;
      const d = await store.lookupDomain(name);
      if (!d) return notFound(`domain ${name}`);
      const body = domainJson(base, d, await partsOf(store, d), { registrar: kind === "registrar" });
      return { status: 200, body: top(body, kind === "domain" ? ["redacted"] : []) };
    }
    case "nameserver": {
      const n = await store.lookupNameserver(arg);
      return n ? { status: 200, body: top(nameserverJson(base, n)) } : notFound(`nameserver ${arg}`);
    }
    case "entity": {
      const e = await store.lookupEntity(arg);
      return e ? { status: 200, body: top(entityJson(base, e)) } : notFound(`entity ${arg}`);
    }
    case "help":
      return { status: 200, body: top({}) };
    case "domains":
    case "nameservers":
    case "entities":
      if (rest.length) return notFound(url.pathname);
      return search(o, base, kind, url);
    default:
      return notFound(`${url.pathname}`);
  }
}

async function partsOf(store: LabRdapStore, d: LabDomain): Promise<DomainParts> {
  const nameservers = [];
  for (const n of d.nameservers) {
    const ns = await store.lookupNameserver(n);
    if (ns) nameservers.push(ns);
  }
  // One entity per contact with all its roles (RFC 9083 §5.1), the registrant first.
  const roles = new Map<string, string[]>();
  for (const { role, handle } of [
    ...(d.registrant ? [{ role: "registrant", handle: d.registrant }] : []),
    ...(d.contacts ?? []),
  ]) {
    const list = roles.get(handle) ?? [];
    if (!list.includes(role)) list.push(role);
    roles.set(handle, list);
  }
  const contacts: DomainParts["contacts"] = [];
  for (const [handle, r] of roles) {
    const entity = await store.lookupEntity(handle);
    if (entity) contacts.push({ entity, roles: r });
  }
  return { registrar: await store.lookupEntity(d.registrar), contacts, nameservers };
}

const SEARCH_PROPS: Record<SearchKind, string[]> = {
  domains: ["name", "nsLdhName", "nsIp"],
  nameservers: ["name", "ip"],
  entities: ["fn", "handle"],
};

async function search(o: LabRdapServerOptions, base: string, kind: SearchKind, url: URL): Promise<Answer> {
  const given = SEARCH_PROPS[kind].filter((p) => url.searchParams.has(p));
  if (given.length !== 1)
    return badRequest(`a ${kind} search takes exactly one of ${SEARCH_PROPS[kind].join(", ")}`);
  const prop = given[0] as string;
  const value = (url.searchParams.get(prop) ?? "").trim();
  // RFC 9082 §4.1: a pattern needs some literal characters; "*" alone would list the registry.
  if (!value.replace(/\*/g, ""))
    return badRequest(`${prop}: the pattern needs at least one character besides "*"`);
  if (value.length > 255) return badRequest(`${prop}: longer than 255 characters`);
  let matched: Json[];
  const { store } = o;
  if (kind === "domains") {
    const all = await store.listDomains(MAX_OBJECTS);
    const hits =
      prop === "name"
        ? all.filter((d) => matchesPattern(value, d.name))
        : await filterByNameserver(store, all, prop, value);
    matched = [];
    for (const d of hits) matched.push(domainJson(base, d, await partsOf(store, d)));
  } else if (kind === "nameservers") {
    const all = await store.listNameservers(MAX_OBJECTS);
    matched = all
      .filter((n) => (prop === "name" ? matchesPattern(value, n.name) : [...n.v4, ...n.v6].includes(value)))
      .map((n) => nameserverJson(base, n));
  } else {
    const all = await store.listEntities(MAX_OBJECTS);
    matched = all
      .filter((e) => matchesPattern(value, prop === "fn" ? e.fn : e.handle))
      .map((e) => entityJson(base, e));
  }
  const searchUrl = new URL(`${base}${kind}`);
  searchUrl.searchParams.set(prop, value);
  const r = serveSearch({
    kind,
    matched,
    params: url.searchParams,
    searchUrl: searchUrl.href,
    pageSize: o.pageSize ?? 10,
    cursorKind: o.cursorKind ?? "keyset",
    notices: [LAB_NOTICE],
  });
  return r;
}

async function filterByNameserver(store: LabRdapStore, all: LabDomain[], prop: string, value: string) {
  const servers = await store.listNameservers(MAX_OBJECTS);
  const names = new Set(
    servers
      .filter((n) =>
        prop === "nsLdhName" ? matchesPattern(value, n.name) : [...n.v4, ...n.v6].includes(value),
      )
      .map((n) => n.name),
  );
  return all.filter((d) => d.nameservers.some((n) => names.has(n)));
}
