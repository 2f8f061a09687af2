/**
 * Mock RDAP (tests, Storybook, dev:mock): an in-memory RDAP server at MOCK_RDAP_BASE built from
 * real fixture responses (./rdap-fixtures, RFC 9083 figures and RFC 9537 samples), searches paged
 * and cut by the same RFC 8977/8982 responder the lab server uses. It is reachable two ways: as
 * MSW handlers for RDAP HTTP, and through the tRPC resolvers, which parse its answers with the
 * real protocol code, as the server's RdapService does.
 */
import type { AppRouter, RouterInputs, RouterOutputs } from "@netops/api";
import {
  errorBody,
  matchesPattern,
  parseRdapText,
  parseSort,
  pickQuery,
  QueryError,
  queryUrl,
  relatedRdapLinks,
  type SearchKind,
  type SearchOptions,
  serveSearch,
  summarizeMetadata,
} from "@netops/protocols/rdap";
import { type HttpHandler, HttpResponse, http } from "msw";
import ipNetwork from "./rdap-fixtures/2001_db8__.json";
import reverseDomain from "./rdap-fixtures/0_2_192_in-addr_arpa.json";
import autnum from "./rdap-fixtures/as65541.json";
import searchWithRedaction from "./rdap-fixtures/domain_search_with_redaction.json";
import entity15 from "./rdap-fixtures/entity-rfc9083-fig15.json";
import entity17 from "./rdap-fixtures/entity-rfc9083-fig17.json";
import redactedDomain from "./rdap-fixtures/lookup_with_redaction.json";
import nameserver from "./rdap-fixtures/ns1_xn--fo-5ja_example.json";
import idnDomain from "./rdap-fixtures/xn--fo-5ja_example.json";
import type { MockSubsystem } from "./subsystem";
import type { TrpcResolvers } from "./trpc-msw";

/** Where the mock RDAP server answers (a reserved name: it can never be a real server). */
export const MOCK_RDAP_BASE = "https://rdap.mock.example/rdap/";
/** Small pages so a handful of fixtures shows paging. */
export const MOCK_RDAP_PAGE_SIZE = 2;

type Json = Record<string, unknown>;
type RdapPaths = Extract<keyof TrpcResolvers<AppRouter>, `rdap.${string}`>;
export type RdapViewFixture = RouterOutputs["rdap"]["next"];

const clone = (o: unknown): Json => JSON.parse(JSON.stringify(o)) as Json;
const objectOf = (doc: unknown): Json => {
  const { rdapConformance: _c, notices: _n, ...rest } = clone(doc);
  return rest;
};

const DOMAINS: Json[] = [
  objectOf(idnDomain),
  objectOf(reverseDomain),
  objectOf(redactedDomain),
  ...((searchWithRedaction as { domainSearchResults: unknown[] }).domainSearchResults.map(clone) as Json[]),
];
const NAMESERVERS: Json[] = [objectOf(nameserver)];
const ENTITIES: Json[] = [objectOf(entity15), objectOf(entity17)];
const NOTICE = {
  title: "Mock data",
  description: ["Fixture responses served by the NetOps mock RDAP server."],
};

const json = (status: number, body: Json) => ({ status, body: JSON.stringify(body) });
const notFound = (what: string) =>
  json(404, errorBody(404, "Not Found", [`${what} is not in the mock data`]));
const withTop = (doc: unknown) => clone(doc);

/** The mock server: one GET → status and body, as an RDAP server would answer. */
export function mockRdapHttp(url: URL): { status: number; body: string } {
  const base = new URL(MOCK_RDAP_BASE);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return notFound(url.href);
  const path = decodeURIComponent(url.pathname.slice(base.pathname.length));
  const [kind, ...rest] = path.split("/");
  const arg = rest.join("/").toLowerCase();
  const byName = (list: Json[]) =>
    list.find((o) => String(o.ldhName).toLowerCase() === arg.replace(/\.$/, ""));
  switch (kind) {
    case "domain": {
      const hit = byName(DOMAINS);
      if (!hit) return notFound(`domain ${arg}`);
      const doc = [idnDomain, reverseDomain, redactedDomain].find((d) => (d as Json).ldhName === hit.ldhName);
      return json(200, doc ? withTop(doc) : { rdapConformance: ["rdap_level_0", "redacted"], ...hit });
    }
    case "nameserver":
      return byName(NAMESERVERS) ? json(200, withTop(nameserver)) : notFound(`nameserver ${arg}`);
    case "entity": {
      const doc = [entity15, entity17].find((e) => String((e as Json).handle).toLowerCase() === arg);
      return doc ? json(200, withTop(doc)) : notFound(`entity ${arg}`);
    }
    case "ip":
      return arg.startsWith("2001:db8") ? json(200, withTop(ipNetwork)) : notFound(`network ${arg}`);
    case "autnum":
      return arg === "65541" ? json(200, withTop(autnum)) : notFound(`AS${arg}`);
    case "domains":
    case "nameservers":
    case "entities":
      return search(kind, url);
    default:
      return json(400, errorBody(400, "Bad Request", [`${kind} is not an RDAP path`]));
  }
}

function search(kind: SearchKind, url: URL) {
  const p = url.searchParams;
  const [by, value] = (kind === "entities" ? ["fn", "handle"] : ["name"])
    .map((k) => [k, p.get(k)] as const)
    .find(([, v]) => v !== null) ?? ["", null];
  if (value === null)
    return json(400, errorBody(400, "Bad Request", [`a ${kind} search needs a search property`]));
  const list = kind === "domains" ? DOMAINS : kind === "nameservers" ? NAMESERVERS : ENTITIES;
  const field = (o: Json): string =>
    by === "handle" ? String(o.handle ?? "") : by === "fn" ? fnOf(o) : String(o.ldhName ?? "");
  const searchUrl = new URL(url.href);
  for (const k of ["sort", "count", "cursor", "fieldSet"]) searchUrl.searchParams.delete(k);
  const r = serveSearch({
    kind,
    matched: list.filter((o) => matchesPattern(value, field(o))),
    params: p,
    searchUrl: searchUrl.href,
    pageSize: MOCK_RDAP_PAGE_SIZE,
    cursorKind: "keyset",
    notices: [NOTICE],
  });
  return json(r.status, r.body);
}

function fnOf(o: Json): string {
  const props = (o.vcardArray as unknown[] | undefined)?.[1];
  const fn = Array.isArray(props) ? (props as unknown[][]).find((x) => x[0] === "fn") : undefined;
  return typeof fn?.[3] === "string" ? fn[3] : "";
}

/** MSW handlers for RDAP over HTTP (for code that fetches RDAP URLs itself). */
export function rdapHttpHandlers(): HttpHandler[] {
  return [
    http.get(`${MOCK_RDAP_BASE}*`, ({ request }) => {
      const r = mockRdapHttp(new URL(request.url));
      return new HttpResponse(r.body, {
        status: r.status,
        headers: { "content-type": "application/rdap+json" },
      });
    }),
  ];
}

/** The same view RdapService builds, from the mock server's answer. */
function fetchView(url: string): RdapViewFixture {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, url, ms: 0, error: { code: "bad-query", message: `not a URL: ${url}` } };
  }
  if (u.origin !== new URL(MOCK_RDAP_BASE).origin)
    return {
      ok: false,
      url,
      ms: 0,
      // The server's outbound policy decides on host AND port, and says so in these words.
      error: {
        code: "guard",
        message: `${u.hostname}:${u.port || (u.protocol === "https:" ? 443 : 80)} is not an allowed destination (neither in the bootstrap registry nor in rdap.allowedHosts)`,
      },
    };
  const res = mockRdapHttp(u);
  const parsed = parseRdapText(res.body, { httpStatus: res.status });
  if (!parsed.ok)
    return { ok: false, url, ms: 1, error: { code: "not-rdap", message: parsed.reason, status: res.status } };
  if (res.status !== 200)
    return {
      ok: false,
      url,
      ms: 1,
      error: {
        code: "http",
        message: `HTTP ${res.status}; ${parsed.response.error?.description.join(" ") ?? ""}`.trim(),
        status: res.status,
      },
    };
  const r = parsed.response;
  return {
    ok: true,
    url,
    finalUrl: url,
    status: res.status,
    fromCache: false,
    ms: 1,
    response: r,
    metadata: summarizeMetadata(r),
    findings: r.findings,
    related: r.object ? relatedRdapLinks(r.object).map((l) => new URL(l, url).href) : [],
    raw: res.body,
  } as RdapViewFixture;
}

export function createRdapResolvers(): Pick<TrpcResolvers<AppRouter>, RdapPaths> {
  return createRdap().resolvers;
}

/** The RDAP resolvers and the status they report (the overview tile reads it, as the server's probe). */
export function createRdap(): {
  resolvers: Pick<TrpcResolvers<AppRouter>, RdapPaths>;
  status(): RouterOutputs["rdap"]["status"];
} {
  /** How the last query went, for the status line (as the service words it). */
  let last: { ok: true } | { ok: false; message: string } | null = null;
  const noted = <T extends { ok: boolean; error?: { message: string } }>(r: T): T => {
    last = r.ok ? { ok: true } : { ok: false, message: r.error?.message ?? "failed" };
    return r;
  };
  const query = (input: RouterInputs["rdap"]["query"]): RouterOutputs["rdap"]["query"] => {
    const r = runQuery(input);
    noted(r.result);
    return r;
  };
  const runQuery = (input: RouterInputs["rdap"]["query"]): RouterOutputs["rdap"]["query"] => {
    const fail = (
      code: "bad-query",
      message: string,
      picked: RouterOutputs["rdap"]["query"]["picked"] = null,
    ) => ({
      picked,
      result: { ok: false as const, url: "", ms: 0, error: { code, message } },
    });
    const c = pickQuery({ q: input.q, type: input.type, ...(input.by ? { by: input.by } : {}) });
    if (!c.ok) return fail("bad-query", c.reason);
    const search =
      c.query.kind === "domains" || c.query.kind === "nameservers" || c.query.kind === "entities";
    const picked = { type: c.query.kind, normalized: c.normalized, search };
    const options: SearchOptions = {};
    try {
      if (search) {
        if (input.sort) options.sort = parseSort(input.sort);
        if (input.count) options.count = true;
        if (input.fieldSet) options.fieldSet = input.fieldSet;
        if (input.cursor) options.cursor = input.cursor;
      } else if (input.sort || input.fieldSet || input.cursor) {
        return fail("bad-query", "sort, field set and cursor apply only to searches", picked);
      }
      return { picked, result: fetchView(queryUrl(MOCK_RDAP_BASE, c.query, options)) };
    } catch (e) {
      if (e instanceof QueryError) return fail("bad-query", e.message, picked);
      throw e;
    }
  };
  const status = (): RouterOutputs["rdap"]["status"] => {
    return {
      health: "ok",
      summary: `mock RDAP server ${MOCK_RDAP_BASE} for .example, IANA bootstrap snapshot elsewhere${
        last === null
          ? "; no query yet"
          : last.ok
            ? "; last query answered"
            : `; last query failed: ${last.message}`
      }`,
      enabled: true,
      lab: false,
      bootstrap: {
        refreshUrl: "https://data.iana.org/rdap/",
        files: (["dns", "ipv4", "ipv6", "asn", "object-tags"] as const).map((kind) => ({
          kind,
          source: "snapshot" as const,
          publication: "2025-01-01T00:00:00Z",
          at: null,
        })),
        // What an offline console shows: the refresh failed, the shipped snapshot stays in use.
        lastRefresh: {
          at: "2025-06-01T12:00:00.000Z",
          ok: false,
          failures: ["https://data.iana.org/rdap/dns.json: cannot resolve data.iana.org (mock)"],
        },
        refreshError: null,
      },
    };
  };
  // The EPP mock's connection, host and domain (registry-fixtures.ts): the host with glue the
  // registry's RDAP server does not show, the domain with another expiry date.
  let consistency: NonNullable<RouterOutputs["rdap"]["consistency"]> = {
    at: "2025-06-01T12:05:00.000Z",
    skipped: null,
    checked: 3,
    outOfZone: 1,
    consistent: 2,
    findings: [
      {
        kind: "address-mismatch" as const,
        connectionId: "mock-conn-0001",
        host: "ns1.shop.example",
        url: `${MOCK_RDAP_BASE}nameserver/ns1.shop.example`,
        epp: { v4: ["192.0.2.10"], v6: ["2001:db8::10"] },
        rdap: { v4: ["192.0.2.11"], v6: ["2001:db8::10"] },
        message: "addresses differ: EPP 192.0.2.10, 2001:db8::10; RDAP 192.0.2.11, 2001:db8::10",
      },
    ],
    domainsChecked: 2,
    domainsConsistent: 1,
    domainFindings: [
      {
        kind: "expiry-mismatch" as const,
        connectionId: "mock-conn-0001",
        domain: "shop.example",
        url: `${MOCK_RDAP_BASE}domain/shop.example`,
        epp: ["2026-06-08T06:00:00.000Z"],
        rdap: ["2027-06-08T06:00:00.000Z"],
        message: "expiry differs: EPP 2026-06-08T06:00:00.000Z; RDAP 2027-06-08T06:00:00.000Z",
      },
    ],
    trigger: "schedule",
  };
  const resolvers: Pick<TrpcResolvers<AppRouter>, RdapPaths> = {
    "rdap.query": (input) => {
      return query(input);
    },
    "rdap.next": (input) => noted(fetchView(input.url)),
    "rdap.related": (input) => {
      const first = fetchView(input.url);
      if (!first.ok) return [first];
      if (!first.related.length)
        return [
          {
            ok: false,
            url: input.url,
            ms: 0,
            error: { code: "no-related", message: "the object has no related RDAP link" },
          },
        ];
      return first.related.slice(0, 3).map(fetchView);
    },
    "rdap.consistency": () => consistency,
    "rdap.checkConsistency": () => {
      // "Check now": the same mock findings, checked at the mock clock's now.
      consistency = { ...consistency, at: new Date().toISOString(), trigger: "manual" };
      return consistency;
    },
    "rdap.status": () => status(),
  };
  return { resolvers, status };
}

/** The RDAP mock: its tile reports how the last query went, as the server's probe does. */
export const mockSubsystem: MockSubsystem<"rdap"> = () => {
  const rdap = createRdap();
  return {
    resolvers: rdap.resolvers,
    tile: () => {
      const { health, summary } = rdap.status();
      return { health, summary };
    },
  };
};
