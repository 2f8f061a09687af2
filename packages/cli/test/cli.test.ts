import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

describe("netops CLI", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-cli-"));
  const env = { DATABASE_URL: `file:${path.join(dir, "cli.db")}`, NETOPS_CONFIG: "" };
  const run = (args: string[], stdin?: string) => runCli(args, { env, stdin });

  it("prints help with exit 0 for --help and 2 when called with nothing", async () => {
    const a = await run(["--help"]);
    expect(a.code).toBe(0);
    expect(a.out).toContain("netops user create USERNAME");
    expect(a.out).toContain("Exit codes");
    expect((await run([])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
  });

  it("creates users with a password from stdin, lists them as JSON, changes roles", async () => {
    const c = await run(
      ["user", "create", "carol", "--role", "operator", "--password-stdin"],
      "a-long-enough-password\n",
    );
    expect(c.code).toBe(0);
    const l = await run(["user", "list", "--json"]);
    expect(l.code).toBe(0);
    expect(JSON.parse(l.out)).toEqual([
      expect.objectContaining({ username: "carol", role: "operator", disabled: false }),
    ]);
    const s = await run(["user", "set-role", "carol", "admin", "--json"]);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out)).toEqual({
      username: "carol",
      role: "admin",
      previous: "operator",
      sessionsEnded: 0,
      tokensRevoked: 0,
    });
  });

  it("exit 1 for a failed operation, 2 for bad arguments, each with a reason", async () => {
    const dup = await run(
      ["user", "create", "carol", "--role", "viewer", "--password-stdin"],
      "a-long-enough-password",
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/carol exists already/);
    const weak = await run(["user", "create", "dave", "--role", "viewer", "--password-stdin"], "short");
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/password: at least 12 characters/);
    const common = await run(
      ["user", "create", "dave", "--role", "viewer", "--password-stdin"],
      "password1234",
    );
    expect(common.code).toBe(2);
    expect(common.err).toMatch(/password: this password is in the list of the [\d,]+ most common passwords/);
    const own = await run(["user", "create", "dave", "--role", "viewer", "--password-stdin"], "Dave2024!!!!");
    expect(own.code).toBe(2);
    expect(own.err).toMatch(/password: this password is the username with only digits or symbols added/);
    const role = await run(["user", "create", "dave", "--role", "root"]);
    expect(role.code).toBe(2);
    expect(role.err).toMatch(/--role/);
    expect((await run(["user", "set-role", "nobody", "viewer"])).code).toBe(1);
    expect((await run(["user", "list", "--bogus"])).code).toBe(2);
  });

  it("creates an RFC 8959 API token shown once", async () => {
    const t = await run(["token", "create", "--user", "carol", "--name", "ci", "--json"]);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.out).token).toMatch(/^secret-token:netops_/);
    const l = await run(["token", "list", "--user", "carol", "--json"]);
    expect(l.code).toBe(0);
    expect(l.out).not.toContain(JSON.parse(t.out).token);
  });

  it("set-role --revoke-tokens revokes the user's API tokens", async () => {
    const s = await run(["user", "set-role", "carol", "viewer", "--revoke-tokens", "--json"]);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ role: "viewer", previous: "admin", tokensRevoked: 1 });
    const l = await run(["token", "list", "--user", "carol", "--json"]);
    expect(JSON.parse(l.out)).toEqual([expect.objectContaining({ name: "ci", revoked: true })]);
  });

  it("raises and resolves an alert like amtool", async () => {
    const a = await run([
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
    ]);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^raised alert \d+/);
    const bad = await run(["alert", "add", "--source", "nowhere", "--summary", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--source/);
    const r = await run(["alert", "resolve", "--source", "system", "--label", "check=cli"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/resolved alert \d+/);
  });

  it("config check reports where a bad value is (exit 2)", async () => {
    const c = await runCli(["config", "check"], { env: { ...env, NETOPS_PORT: "seventy" } });
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/NETOPS_PORT: server\.port/);
  });
});
