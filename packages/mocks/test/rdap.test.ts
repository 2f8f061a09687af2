/** The mock RDAP server: real fixtures, RFC 8977 paging by its own links, RFC 8982 field sets, MSW over HTTP. */
import { parseRdapText, summarizeMetadata } from "@netops/protocols/rdap";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRdapResolvers, MOCK_RDAP_BASE, mockRdapHttp, rdapHttpHandlers } from "../src/rdap.mock";

const server = setupServer(...rdapHttpHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const r = createRdapResolvers();
const ctx = {} as never;

describe("mock RDAP", () => {
  it("answers RDAP over HTTP through MSW with the fixture responses", async () => {
    const res = await fetch(`${MOCK_RDAP_BASE}domain/xn--fo-5ja.example`);
    expect(res.status).toBe(200);
    const parsed = parseRdapText(await res.text());
    expect(parsed.ok && parsed.response.object?.objectClassName).toBe("domain");
    expect((await fetch(`${MOCK_RDAP_BASE}domain/nope.example`)).status).toBe(404);
  });

  it("pages a search by the server's next links, sorted, and cuts to a field set", async () => {
    const first = await r["rdap.query"]({ q: "*example*", type: "auto", count: true, sort: "name:a" }, ctx);
    if (!first.result.ok) throw new Error(first.result.error.message);
    expect(first.result.metadata).toMatchObject({ totalCount: 4, resultCount: 2, currentSort: "name:a" });
    const next = first.result.metadata.pages.next as string;
    const second = await r["rdap.next"]({ url: next }, ctx);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.response.results?.map((o) => (o as { ldhName?: string }).ldhName)).toEqual([
      "example2.com",
      "xn--fo-5ja.example",
    ]);
    const id = mockRdapHttp(new URL(`${MOCK_RDAP_BASE}domains?name=*example*&fieldSet=id`));
    const parsed = parseRdapText(id.body);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(summarizeMetadata(parsed.response).currentFieldSet).toBe("id");
  });

  it("reports bad input and unknown sorts as per-query errors", async () => {
    const bad = await r["rdap.query"]({ q: "not a query!", type: "auto", count: true }, ctx);
    expect(bad.result).toMatchObject({ ok: false, error: { code: "bad-query" } });
    const sort = await r["rdap.query"]({ q: "*example*", type: "auto", count: true, sort: "colour" }, ctx);
    expect(sort.result).toMatchObject({ ok: false, error: { code: "http", status: 400 } });
  });
});
