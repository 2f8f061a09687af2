import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/main";

function io(env: Record<string, string>, stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (s: string) => void out.push(s),
      err: (s: string) => void err.push(s),
      stdin: async () => stdin,
      env,
    },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("netops CLI", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-cli-"));
  const env = { DATABASE_URL: `file:${path.join(dir, "cli.db")}`, NETOPS_CONFIG: "" };

  it("prints help with exit 0 for --help and 2 when called with nothing", async () => {
    const a = io(env);
    expect(await main(["--help"], a.io)).toBe(0);
    expect(a.out()).toContain("netops user create USERNAME");
    expect(a.out()).toContain("Exit codes");
    expect(await main([], io(env).io)).toBe(2);
    expect(await main(["frobnicate"], io(env).io)).toBe(2);
  });

  it("creates users with a password from stdin, lists them as JSON, changes roles", async () => {
    const c = io(env, "a-long-enough-password\n");
    expect(await main(["user", "create", "carol", "--role", "operator", "--password-stdin"], c.io)).toBe(0);
    const l = io(env);
    expect(await main(["user", "list", "--json"], l.io)).toBe(0);
    expect(JSON.parse(l.out())).toEqual([
      expect.objectContaining({ username: "carol", role: "operator", disabled: false }),
    ]);
    const s = io(env);
    expect(await main(["user", "set-role", "carol", "admin", "--json"], s.io)).toBe(0);
    expect(JSON.parse(s.out())).toEqual({ username: "carol", role: "admin", previous: "operator" });
  });

  it("exit 1 for a failed operation, 2 for bad arguments, each with a reason", async () => {
    const dup = io(env, "a-long-enough-password");
    expect(await main(["user", "create", "carol", "--role", "viewer", "--password-stdin"], dup.io)).toBe(1);
    expect(dup.err()).toMatch(/carol exists already/);
    const weak = io(env, "short");
    expect(await main(["user", "create", "dave", "--role", "viewer", "--password-stdin"], weak.io)).toBe(2);
    expect(weak.err()).toMatch(/password: at least 12 characters/);
    const role = io(env);
    expect(await main(["user", "create", "dave", "--role", "root"], role.io)).toBe(2);
    expect(role.err()).toMatch(/--role/);
    const missing = io(env);
    expect(await main(["user", "set-role", "nobody", "viewer"], missing.io)).toBe(1);
    const unknownFlag = io(env);
    expect(await main(["user", "list", "--bogus"], unknownFlag.io)).toBe(2);
  });

  it("creates an RFC 8959 API token shown once", async () => {
    const t = io(env);
    expect(await main(["token", "create", "--user", "carol", "--name", "ci", "--json"], t.io)).toBe(0);
    expect(JSON.parse(t.out()).token).toMatch(/^secret-token:netops_/);
    const l = io(env);
    expect(await main(["token", "list", "--user", "carol", "--json"], l.io)).toBe(0);
    expect(l.out()).not.toContain(JSON.parse(t.out()).token);
  });

  it("raises and resolves an alert like amtool", async () => {
    const a = io(env);
    expect(
      await main(
        [
          "alert",
          "add",
          "--source",
          "system",
          "--severity",
          "warning",
          "--summary",
          "cli test",
          "--label",
          "check=cli",
        ],
        a.io,
      ),
    ).toBe(0);
    expect(a.out()).toMatch(/^raised alert \d+/);
    const bad = io(env);
    expect(await main(["alert", "add", "--source", "nowhere", "--summary", "x"], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--source/);
    const r = io(env);
    expect(await main(["alert", "resolve", "--source", "system", "--label", "check=cli"], r.io)).toBe(0);
    expect(r.out()).toMatch(/resolved alert \d+/);
  });

  it("config check reports where a bad value is (exit 2)", async () => {
    const c = io({ ...env, NETOPS_PORT: "seventy" });
    expect(await main(["config", "check"], c.io)).toBe(2);
    expect(c.err()).toMatch(/NETOPS_PORT: server\.port/);
  });
});
