import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const RESPONSES = path.join(import.meta.dirname, "../../protocols/test/rdap/testdata/responses");
const file = (rel: string) => path.join(RESPONSES, rel);

const run = (...args: string[]) => runCli(["rdap", ...args]);

const dir = mkdtempSync(path.join(tmpdir(), "netops-rdap-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("netops rdap parse", () => {
  it("prints a real entity with its contact card and findings", async () => {
    const r = await run("parse", file("icann-rdap/common/entity_arin_hostmaster.json"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("entity  ARIN-HOSTMASTER  Registration Services Department");
    expect(r.out).toContain("email: hostmaster@arin.net");
    expect(r.out).toContain("tel: +1-703-227-0660 (work, voice)");
    expect(r.out).toContain("findings: none");
  });

  it("shows findings with code, severity and path", async () => {
    const r = await run("parse", file("icann-rdap/client/lemonde.fr.json"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /warning\s+-11002\s+\$\.status\[3\]: "server recover prohibited" is not a registered status value/,
    );
  });

  it("--json gives the object, RFC 8977/8982 metadata and findings", async () => {
    // Built after the RFC 8977 §2.4.1 / RFC 8982 §4 examples (no such response exists as a file).
    const saved = path.join(dir, "search.json");
    const search = JSON.parse(
      readFileSync(file("icann-rdap/common/domain_search_with_redaction.json"), "utf8"),
    );
    writeFileSync(
      saved,
      JSON.stringify({
        ...search,
        rdapConformance: [...search.rdapConformance, "sorting", "paging", "subsetting"],
        sorting_metadata: {
          currentSort: "registrationDate:d",
          availableSorts: [{ property: "registrationDate", default: false, links: [] }],
        },
        paging_metadata: {
          totalCount: 73,
          pageSize: 2,
          pageNumber: 1,
          links: [
            {
              value: "https://example.com/rdap/domains?name=ex*",
              rel: "next",
              href: "https://example.com/rdap/domains?name=ex*&cursor=abc",
              type: "application/rdap+json",
            },
          ],
        },
        subsetting_metadata: {
          currentFieldSet: "brief",
          availableFieldSets: [
            { name: "id", default: false },
            { name: "brief", default: true },
          ],
        },
      }),
    );
    const r = await run("parse", saved, "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.kind).toBe("search");
    expect(j.results).toHaveLength(2);
    expect(j.metadata).toEqual({
      resultCount: 2,
      currentSort: "registrationDate:d",
      availableSorts: ["registrationDate"],
      totalCount: 73,
      pageSize: 2,
      pageNumber: 1,
      pages: { next: "https://example.com/rdap/domains?name=ex*&cursor=abc" },
      currentFieldSet: "brief",
      availableFieldSets: ["id", "brief"],
    });
    expect(j.findings).toEqual([]);
    const text = await run("parse", saved);
    expect(text.out).toContain(
      "paging: total 73, page size 2, page 1\n  next: https://example.com/rdap/domains?name=ex*&cursor=abc",
    );
    expect(text.out).toContain("field set: brief; available: id, brief");
  });

  it("exit 1 when the file is not an RDAP response, 2 for usage and read errors", async () => {
    const notRdap = await run("parse", file("openrdap/jcard/example.json"));
    expect([notRdap.code, notRdap.err]).toEqual([
      1,
      expect.stringContaining("not an RDAP response: an RDAP response is a JSON object, this is an array"),
    ]);
    const notJson = await run("parse", file("openrdap/jcard/error_invalid_json.json"));
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain("not JSON");
    const missing = await run("parse", path.join(dir, "absent.json"));
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining("ENOENT")]);
    expect((await run("parse")).code).toBe(2);
    expect((await run("parse", "a", "b")).code).toBe(2);
    expect((await run("parse", "a", "--frobnicate")).code).toBe(2);
  });
});

describe("netops rdap QUERY against a configured server (plain http on loopback, named by --server)", () => {
  let server: http.Server;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? "");
      const body =
        req.url === "/rdap/autnum/16509"
          ? readFileSync(file("icann-rdap/common/autnum_16509.json"))
          : req.url?.startsWith("/rdap/domain/")
            ? JSON.stringify({ errorCode: 404, title: "Not Found", rdapConformance: ["rdap_level_0"] })
            : "<html>";
      res.writeHead(req.url === "/rdap/autnum/16509" ? 200 : 404, {
        "content-type": "application/rdap+json",
      });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rdap/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("classifies the query, fetches it and prints the object", async () => {
    const r = await run("AS16509", "--server", url);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`# ${url}autnum/16509`);
    expect(r.out).toMatch(/autnum {2}AS16509/);
    expect(seen).toEqual(["/rdap/autnum/16509"]);
  });

  it("exit 1 with the server's error; exit 2 for bad options", async () => {
    const r = await run("nope.example", "--server", url);
    expect(r.code).toBe(1);
    expect(r.out).toContain("error 404 Not Found");
    expect((await run("example.com", "--type", "autnum", "--server", url)).code).toBe(2);
    expect((await run("example.com", "--count", "--server", url)).err).toContain(
      "count, sort, cursor and fieldSet apply only to searches",
    );
    expect((await run("*.example", "--sort", "name:z", "--server", url)).code).toBe(2);
    expect((await run("x", "--type", "entities", "--by", "email", "--server", url)).err).toContain(
      "--by for entities: one of fn, handle",
    );
  });

  it("refuses when no server is known for the query, without fetching", async () => {
    const r = await run("Bob Smith", "--type", "entities");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "no-server: entities queries have no bootstrap registry; configure a default RDAP server",
    );
  });
});
