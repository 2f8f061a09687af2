/**
 * The rdap router through the real console over HTTP: roles, configuration from netops.yaml
 * pointing `.example` at a lab RDAP server, per-query errors, paging by the server's links, the
 * registrar's copy, the health tile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabRdapServer, SeededLabRdapStore, startLabRdapServer } from "@netops/labs/rdap";
import { Client, type Harness, startHarness } from "../harness";
import { labRdapYaml } from "./lab-config";

type View =
  | {
      ok: true;
      url: string;
      metadata: {
        totalCount?: number;
        currentSort?: string;
        pages: { next?: string };
        currentFieldSet?: string;
      };
      response: { results?: { ldhName?: string }[]; object?: { ldhName?: string } };
      related: string[];
      finalUrl: string;
    }
  | { ok: false; url: string; error: { code: string; message: string; status?: number } };

let lab: LabRdapServer;
let h: Harness;
let admin: Client;

beforeAll(async () => {
  lab = await startLabRdapServer({ store: new SeededLabRdapStore(), pageSize: 10 });
  h = await startHarness({ yaml: labRdapYaml(lab.baseUrl) });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
});
afterAll(async () => {
  await h?.close();
  await lab?.close();
});

describe("rdap router", () => {
  it("needs a login", async () => {
    const r = await new Client(h).query("rdap.query", { q: "alpha.example" });
    expect(r.status).toBe(401);
  });

  it("searches, pages by the server's next link, and follows to the registrar", async () => {
    const r = await admin.query("rdap.query", { q: "*.example", sort: "registrationDate:d" });
    expect(r.status).toBe(200);
    const { picked, result } = r.data as { picked: { type: string }; result: View };
    expect(picked.type).toBe("domains");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.metadata.totalCount).toBe(25);
    expect(result.metadata.currentSort).toBe("registrationDate:d");
    const next = await admin.query("rdap.next", { url: result.metadata.pages.next });
    const page2 = next.data as View;
    if (!page2.ok) throw new Error(page2.error.message);
    expect(page2.response.results).toHaveLength(10);
    expect(page2.response.results?.[0]?.ldhName).not.toBe(result.response.results?.[0]?.ldhName);

    const one = (await admin.query("rdap.query", { q: "delta.example" })).data as { result: View };
    if (!one.result.ok) throw new Error(one.result.error.message);
    const rel = (await admin.query("rdap.related", { url: one.result.finalUrl })).data as View[];
    expect(rel).toHaveLength(1);
    expect(rel[0]).toMatchObject({ ok: true, url: `${lab.baseUrl}registrar/domain/delta.example` });
  });

  it("answers bad input with a precise error, and server refusals per query", async () => {
    const bad = await admin.query("rdap.query", { q: "*.example", sort: "name;drop" });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.issues?.[0]?.path).toBe("sort");
    const unknownSort = (await admin.query("rdap.query", { q: "*.example", sort: "colour" })).data as {
      result: View;
    };
    expect(unknownSort.result).toMatchObject({ ok: false, error: { code: "http", status: 400 } });
    const notBox = (await admin.query("rdap.query", { q: "not a query!" })).data as { result: View };
    expect(notBox.result).toMatchObject({ ok: false, error: { code: "bad-query" } });
    // A URL the guard does not allow is refused before any connection.
    const guard = (await admin.query("rdap.next", { url: "https://rdap.evil.test/domains?cursor=x" }))
      .data as View;
    expect(guard).toMatchObject({ ok: false, error: { code: "guard" } });
  });

  it("reports itself on the health tile", async () => {
    const r = await admin.query("rdap.status");
    expect(r.data).toMatchObject({ enabled: true, health: "ok", lab: false });
  });
});
