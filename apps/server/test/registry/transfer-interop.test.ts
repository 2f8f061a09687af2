/**
 * Transfer answers (RFC 5731 §3.2.4: approve, reject, cancel) on the LAB registry, driven by two
 * independent clients over verified TLS: Debian's Net::EPP::Simple (libnet-epp-perl) and the
 * console's own EPP session. The same steps on two like domains get the same result codes from
 * both, and the codes are the RFC's: only the sponsor approves or rejects (2201 otherwise), only
 * the requester cancels, and nothing can be answered when no transfer is pending (2301).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { registry } from "@netops/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabHarness, ME, OTHER, PW, startLab } from "./lab-harness";

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, "net-epp-transfer.pl");
const AUTH = "transfer-auth-1";

type Who = "A" | "B";
type Op = "request" | "approve" | "reject" | "cancel";
/** A = the sponsor (losing registrar), B = the gaining registrar. */
const STEPS: [Who, Op][] = [
  ["B", "approve"], // not the sponsor: 2201
  ["A", "approve"], // nothing pending: 2301
  ["B", "request"], // 1001, pending
  ["A", "cancel"], // only the requester cancels: 2201
  ["B", "cancel"], // 1000
  ["A", "reject"], // nothing pending any more: 2301
  ["B", "request"], // 1001
  ["A", "reject"], // 1000
  ["B", "request"], // 1001
  ["A", "approve"], // 1000: B sponsors it now
  ["A", "reject"], // A is no longer the sponsor: 2201
];
const EXPECTED = [2201, 2301, 1001, 2201, 1000, 2301, 1001, 1000, 1001, 1000, 2201];

let h: LabHarness;
beforeAll(async () => {
  h = await startLab();
  const s = await registry.EppSession.open(h.config(ME), h.sink);
  for (const name of ["perl-trn.example", "console-trn.example"])
    expect((await s.command({ cmd: "domain:create", name, contacts: [], authInfo: { pw: AUTH } })).code).toBe(
      1000,
    );
  await s.logout();
});
afterAll(async () => h?.close());

async function perl(domain: string): Promise<{ codes: number[]; trStatus: string }> {
  const a = h.lab.pki.client(ME);
  const b = h.lab.pki.client(OTHER);
  const { stdout } = await run(
    "perl",
    [
      SCRIPT,
      String(h.lab.port),
      h.lab.pki.caFile,
      ME,
      PW[ME],
      a.certFile,
      a.keyFile,
      OTHER,
      PW[OTHER],
      b.certFile,
      b.keyFile,
      domain,
      AUTH,
      ...STEPS.map(([who, op]) => `${who}:${op}`),
    ],
    { timeout: 60_000 },
  );
  const kv = Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return {
    codes: STEPS.map((_, i) => Number(kv[`STEP${i + 1}`])),
    trStatus: String(kv.TRSTATUS),
  };
}

async function consoleSession(domain: string): Promise<{ codes: number[]; trStatus: string }> {
  const s = {
    A: await registry.EppSession.open(h.config(ME), h.sink),
    B: await registry.EppSession.open(h.config(OTHER), h.sink),
  };
  const codes: number[] = [];
  for (const [who, op] of STEPS) {
    const r = await s[who].command({
      cmd: "domain:transfer",
      op,
      name: domain,
      ...(op === "request" && { authInfo: { pw: AUTH }, period: { value: 1, unit: "y" as const } }),
    });
    codes.push(r.code);
  }
  const q = await s.A.command({ cmd: "domain:transfer", op: "query", name: domain });
  const t = q.response.resData[0];
  await s.A.logout();
  await s.B.logout();
  return { codes, trStatus: t?.kind === "domain:trnData" ? t.transfer.trStatus : `none ${q.code}` };
}

describe("transfer answers: Net::EPP::Simple and the console's session agree on the lab registry", () => {
  it("gets the RFC 5731 codes from both clients, step for step", async () => {
    const fromPerl = await perl("perl-trn.example");
    const fromConsole = await consoleSession("console-trn.example");
    expect(fromPerl.codes).toEqual(EXPECTED);
    expect(fromConsole.codes).toEqual(fromPerl.codes);
    expect(fromPerl.trStatus).toBe("clientApproved");
    expect(fromConsole.trStatus).toBe("clientApproved");
    // Approved: the gaining registrar sponsors both domains now.
    for (const name of ["perl-trn.example", "console-trn.example"])
      expect(h.lab.store.domain(name)?.clID).toBe(OTHER);
  });
});
