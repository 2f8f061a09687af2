/**
 * Interop: Debian's Net::EPP::Simple (libnet-epp-perl, in .ci/apt-packages.txt) drives the LAB
 * registry over verified TLS with a client certificate. Then the console's own session reads
 * what the Perl client made, so both clients agree on one registry state.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { registry } from "@netops/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabHarness, ME, PW, startLab } from "./lab-harness";

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, "net-epp-client.pl");

let h: LabHarness;
beforeAll(async () => {
  h = await startLab();
  const s = await registry.EppSession.open(h.config(ME), h.sink);
  const r = await s.command({
    cmd: "domain:create",
    name: "perl.example",
    contacts: [],
    authInfo: { pw: "perl-auth-1" },
  });
  expect(r.code).toBe(1000);
  await s.logout();
});
afterAll(async () => h?.close());

async function perl(password: string): Promise<Record<string, string>> {
  const c = h.lab.pki.client(ME);
  const { stdout } = await run(
    "perl",
    [SCRIPT, String(h.lab.port), ME, password, c.certFile, c.keyFile, h.lab.pki.caFile, "perl.example"],
    { timeout: 60_000 },
  );
  return Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

describe("Net::EPP::Simple against the lab registry", () => {
  it("logs in, creates a host with glue, links it, and is refused its deletion with 2305", async () => {
    const out = await perl(PW[ME]);
    expect(out.LOGIN).toMatch(/^1000 /);
    expect(out.CHECK_BEFORE).toBe("1");
    expect(out.CREATE).toMatch(/^1000 /);
    expect(out.CHECK_AFTER).toBe("0");
    expect(out.CREATE_EXTERNAL_GLUE).toMatch(/^2306 .*outside this registry/);
    expect(out.LINK).toMatch(/^1000 /);
    expect(out.STATUS).toBe("ok,linked");
    expect(out.ADDRS).toBe("192.0.2.77,2001:db8::77");
    expect(out.DELETE).toBe(
      "2305 Object association prohibits operation: ns1.perl.example is a name server of perl.example; remove it from that domain first",
    );
    expect(out.LOGOUT).toBe("ok");

    const s = await registry.EppSession.open(h.config(ME), h.sink);
    const d = await s.command({ cmd: "domain:info", name: "perl.example", hosts: "all" });
    const info = d.response.resData[0];
    expect(info?.kind === "domain:infData" && info.domain.ns).toEqual({ hostObj: ["ns1.perl.example"] });
    expect(info?.kind === "domain:infData" && info.domain.hosts).toEqual(["ns1.perl.example"]);
    await s.logout();
  });

  it("is refused with a wrong password", async () => {
    const out = await perl("wrong-password");
    expect(out.LOGIN).toMatch(/^2200 .*wrong password/);
  });
});
