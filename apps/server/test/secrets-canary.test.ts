/**
 * Secrets sent to the API never come back out: every mutation whose input schema marks a field
 * `secret()` is called (as an admin) with a unique canary in each such field, and no canary may
 * appear in an audit row, a log line, an API answer, or anywhere in the database files. A second
 * check keeps the marks complete: every input field whose name says "secret" must carry the mark.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { appRouter } from "@netops/api";
import { type SecretPath, secretPaths } from "@netops/protocols";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { Client, type Harness, startHarness } from "./harness";

const logLines: string[] = [];
const answers: string[] = [];
let h: Harness;
let admin: Client;
let viewerId = "";
let receiverId = "";
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  h = await startHarness({ logger: pino({ level: "debug" }, sink) });
  admin = new Client(h);
  await admin.login("admin", "admin-password-1");
  const v = await admin.mutate("users.create", {
    username: "viewer1",
    password: "viewer-password-1",
    role: "viewer",
  });
  viewerId = (v.data as { id: string }).id;
  const r = await admin.mutate("webhooks.create", {
    name: "hook",
    url: "https://hooks.example.test/netops",
    secret: "an-ordinary-webhook-key",
  });
  receiverId = (r.data as { id?: string } | undefined)?.id ?? "";
});
afterAll(() => h?.close());

type Procs = Record<string, { _def: { type: string; inputs?: unknown[] } }>;
const procedures = Object.entries(appRouter._def.procedures as unknown as Procs);
const isZod = (s: unknown): s is ZodType => !!s && typeof s === "object" && "_zod" in s;

/** Valid input for some procedures, so that the secret goes all the way through, not only into a 400. */
const BASE: Record<string, () => Record<string, unknown>> = {
  "auth.login": () => ({ username: "admin" }),
  "auth.changePassword": () => ({}),
  "users.create": () => ({ username: `canary${randomBytes(3).toString("hex")}`, role: "viewer" }),
  "users.resetPassword": () => ({ id: viewerId }),
  "webhooks.create": () => ({
    name: `hook-${randomBytes(3).toString("hex")}`,
    url: "https://hooks.example.test/x",
  }),
  "webhooks.update": () => ({ id: receiverId }),
  "registry.createConnection": () => ({
    name: "canary",
    host: "epp.example.test",
    port: 700,
    clientId: "canary",
    clientCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    caCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    zones: ["example"],
  }),
  "registry.updateConnection": () => ({ id: "no-such-connection" }),
  "dns.create": () => ({
    name: "canary.example",
    sourceKind: "axfr",
    source: "127.0.0.1",
    tsig: { name: "key.example", algorithm: "hmac-sha256" },
  }),
};

/** Sets `value` at `at` in `obj`, making objects (or one-element arrays for "*") on the way. */
function plant(obj: Record<string, unknown>, at: SecretPath, value: string): void {
  let o: Record<string, unknown> = obj;
  for (const [i, step] of at.entries()) {
    const key = step === "*" ? "0" : step;
    if (i === at.length - 1) o[key] = value;
    else {
      o[key] ??= at[i + 1] === "*" ? [] : {};
      o = o[key] as Record<string, unknown>;
    }
  }
}

/** Unique, and fit for every secret field's rules (letters and digits: a password, a key, base64). */
function canary(n: number, field: string): string {
  // 16 characters: within every length rule (EPP passwords: 6–16; webhook keys: at least 16).
  const c = `Cy${String(n).padStart(2, "0")}${randomBytes(6).toString("hex")}`;
  return field === "clientKey" ? `-----BEGIN PRIVATE KEY-----\n${c}\n-----END PRIVATE KEY-----` : c;
}

describe("secret input fields", () => {
  it("every input field named like a secret is marked secret()", () => {
    const LOOKS_SECRET = /pass(word)?|secret|token|authinfo|credential|private|hmac|^key$|Key$/i;
    // Named like a secret, but not one: public certificates, flags.
    const NOT_SECRET = new Set(["clientCert", "caCert", "revokeTokens"]);
    const unmarked: string[] = [];
    const walk = (s: unknown, at: string[], marked: Set<string>, proc: string, depth: number) => {
      if (!isZod(s) || depth > 12) return;
      const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      if (def.type === "object")
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
          const p = [...at, k];
          if (LOOKS_SECRET.test(k) && !NOT_SECRET.has(k) && !marked.has(JSON.stringify(p)))
            unmarked.push(`${proc}: ${p.join(".")}`);
          walk(v, p, marked, proc, depth + 1);
        }
      for (const key of ["innerType", "element", "valueType", "in", "out", "left", "right"])
        walk(def[key], key === "element" || key === "valueType" ? [...at, "*"] : at, marked, proc, depth + 1);
      for (const o of (def.options as unknown[] | undefined) ?? []) walk(o, at, marked, proc, depth + 1);
    };
    for (const [p, proc] of procedures)
      for (const input of proc._def.inputs ?? []) {
        if (!isZod(input)) continue;
        walk(input, [], new Set(secretPaths(input).map((x) => JSON.stringify(x))), p, 0);
      }
    expect(unmarked).toEqual([]);
  });

  it("no canary planted in a secret field reaches an audit row, a log line, an answer or the database file", async () => {
    const planted: { proc: string; field: string; value: string }[] = [];
    let n = 0;
    for (const [p, proc] of procedures) {
      if (proc._def.type !== "mutation") continue;
      const paths = (proc._def.inputs ?? []).filter(isZod).flatMap((i) => secretPaths(i));
      if (paths.length === 0) continue;
      const input = BASE[p]?.() ?? {};
      for (const at of paths) {
        const value = canary(n++, at[at.length - 1] ?? "");
        plant(input, at, value);
        planted.push({ proc: p, field: at.join("."), value });
      }
      const r = await admin.mutate(p, input);
      answers.push(JSON.stringify(r.body), r.setCookie.join("\n"));
      if (p === "auth.login") await admin.login("admin", "admin-password-1");
    }
    // Every kind of secret the console takes was tried.
    expect(new Set(planted.map((x) => `${x.proc}:${x.field}`))).toEqual(
      new Set([
        "auth.login:password",
        "auth.changePassword:current",
        "auth.changePassword:next",
        "users.create:password",
        "users.resetPassword:password",
        "webhooks.create:secret",
        "webhooks.update:secret",
        "dns.create:tsig.secret",
        "dns.update:tsig.secret",
        "registry.createConnection:password",
        "registry.createConnection:clientKey",
        "registry.updateConnection:password",
        "registry.updateConnection:clientKey",
      ]),
    );
    // The calls were audited (so the check below is not vacuous), with the fields visibly redacted.
    const rows = await h.app.services.db.auditEntry.findMany();
    const change = rows.find((e) => e.action === "auth.changePassword");
    expect(JSON.parse(change?.after ?? "null")).toMatchObject({
      input: { current: "[redacted]", next: "[redacted]" },
    });
    const auditText = JSON.stringify(rows);
    const dbText = readdirSync(h.dir)
      .filter((f) => f.startsWith("netops.db"))
      .map((f) => readFileSync(path.join(h.dir, f)).toString("latin1"))
      .join("\n");
    const leaks: string[] = [];
    for (const { proc, field, value } of planted) {
      const needle = value.includes("\n") ? (value.split("\n")[1] ?? value) : value;
      if (auditText.includes(needle)) leaks.push(`${proc} ${field}: audit`);
      if (logLines.some((l) => l.includes(needle))) leaks.push(`${proc} ${field}: log`);
      if (answers.some((a) => a.includes(needle))) leaks.push(`${proc} ${field}: API answer`);
      if (dbText.includes(needle)) leaks.push(`${proc} ${field}: database file`);
    }
    expect(leaks).toEqual([]);
  });
});
