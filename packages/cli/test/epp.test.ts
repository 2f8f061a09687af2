import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const vectors = path.resolve(import.meta.dirname, "../../protocols/test/epp/vectors");

describe("netops epp", () => {
  it("validates a published sample against the official XSDs (exit 0)", async () => {
    const r = await runCli(["epp", "validate", path.join(vectors, "nomulus/host/host_check.xml")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid EPP command host:check \(structure and XSD\)/);
  });

  it("exit 1 with the schema's complaint for well-formed EPP that breaks the XSD", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "epp-cli-"));
    const f = path.join(dir, "bad.xml");
    // An element the host schema does not define: our structure checks accept it, the XSD does not.
    writeFileSync(
      f,
      `<?xml version="1.0" encoding="UTF-8"?><epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><check><host:check xmlns:host="urn:ietf:params:xml:ns:host-1.0"><host:name>ns1.example.com</host:name><host:bogus/></host:check></check><clTRID>ABC-12345</clTRID></command></epp>`,
    );
    const r = await runCli(["epp", "validate", f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bogus|not valid/);
  });

  it("refuses a DOCTYPE (XML bomb) before any schema tool sees it, with file:line:col", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "epp-cli-"));
    const f = path.join(dir, "bomb.xml");
    writeFileSync(
      f,
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<epp>&lol2;</epp>`,
    );
    const r = await runCli(["epp", "validate", f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bomb\.xml:2:\d+: /);
  });

  it("decodes a response with the RFC 5730 meaning of its result code", async () => {
    const r = await runCli(["epp", "decode", path.join(vectors, "nomulus/host/host_check_response.xml")]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.type).toBe("response");
    expect(j.resultCodes[0]).toMatchObject({ code: 1000 });
  });

  it("exit 2 without a file, 1 for a missing file", async () => {
    expect((await runCli(["epp", "validate"])).code).toBe(2);
    expect((await runCli(["epp", "validate", "/nonexistent/x.xml"])).code).toBe(1);
  });
});
