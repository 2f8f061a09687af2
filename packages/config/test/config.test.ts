import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfigText } from "../src";

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("uses the documented defaults for an empty file", () => {
    const c = parseConfigText("", null);
    expect(c.server).toMatchObject({ host: "127.0.0.1", port: 3000 });
    expect(c.auth.sessionTtlHours).toBe(12);
    expect(c.alerts.webhookMaxAttempts).toBe(6);
  });

  it("reads values from YAML and lets the environment override them", () => {
    const c = parseConfigText("server:\n  port: 4000\nlog:\n  level: debug\n", "netops.yaml", {
      NETOPS_PORT: "4100",
    });
    expect(c.server.port).toBe(4100);
    expect(c.log.level).toBe("debug");
  });

  it("locates a bad value at file:line:col with the field path", () => {
    const e = errorOf(() => parseConfigText("server:\n  host: 0.0.0.0\n  port: seventy\n", "netops.yaml"));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatch(/^netops\.yaml:3:9: server\.port: /);
  });

  it("names an unknown key", () => {
    const e = errorOf(() => parseConfigText("server:\n  prot: 80\n", "netops.yaml"));
    expect(e.problems[0]).toContain("server");
    expect(e.problems[0]).toContain("prot");
  });

  it("reports YAML syntax errors with their position", () => {
    const e = errorOf(() => parseConfigText("server:\n  port: [1, 2\n", "netops.yaml"));
    expect(e.problems[0]).toMatch(/^netops\.yaml:\d+:\d+: /);
  });

  it("names the environment variable when it holds the bad value", () => {
    const e = errorOf(() => parseConfigText("", null, { NETOPS_PORT: "99999" }));
    expect(e.problems[0]).toMatch(/NETOPS_PORT: server\.port: /);
  });

  it("refuses a top level that is not a mapping, and alias bombs", () => {
    expect(errorOf(() => parseConfigText("- a\n- b\n", "x.yaml")).problems[0]).toMatch(
      /^x\.yaml:1:1: the top level/,
    );
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(", ")}]`,
      );
    expect(() => parseConfigText(bomb.join("\n"), "bomb.yaml")).toThrow(ConfigError);
  });

  it("refuses oversized files", () => {
    expect(() => parseConfigText("#".repeat(300_000), "big.yaml")).toThrow(/larger than/);
  });

  it("resolves relative SQLite paths from the root and fails clearly on a missing explicit file", () => {
    const root = mkdtempSync(path.join(tmpdir(), "netops-cfg-"));
    writeFileSync(path.join(root, "netops.yaml"), "database:\n  url: file:./db/x.db\n");
    const c = loadConfig({ root, env: {} });
    expect(c.database.url).toBe(`file:${path.join(root, "db", "x.db")}`);
    expect(c.sources.file).toBe(path.join(root, "netops.yaml"));
    expect(() => loadConfig({ root, env: { NETOPS_CONFIG: path.join(root, "nope.yaml") } })).toThrow(
      /cannot read: ENOENT/,
    );
  });
  it("reads trusted proxies from NETOPS_TRUSTED_PROXIES and names a bad entry", () => {
    const root = mkdtempSync(path.join(tmpdir(), "netops-cfg-"));
    const c = loadConfig({ root, env: { NETOPS_TRUSTED_PROXIES: "10.0.0.5, 192.0.2.0/28,2001:db8::/48" } });
    expect(c.server.trustedProxies).toEqual(["10.0.0.5", "192.0.2.0/28", "2001:db8::/48"]);
    expect(loadConfig({ root, env: {} }).server.trustedProxies).toEqual([]);
    expect(() => loadConfig({ root, env: { NETOPS_TRUSTED_PROXIES: "10.0.0.5,banana" } })).toThrow(
      /trustedProxies.*not an address or prefix/s,
    );
  });

  it("reads the session cache time and the database pool, and refuses values out of range", () => {
    const root = mkdtempSync(path.join(tmpdir(), "netops-cfg-"));
    const defaults = loadConfig({ root, env: {} });
    expect(defaults.auth.sessionCacheSeconds).toBe(5);
    expect(defaults.database.pool).toBeUndefined();
    const c = loadConfig({ root, env: { NETOPS_SESSION_CACHE_SECONDS: "0", NETOPS_DB_POOL: "24" } });
    expect(c.auth.sessionCacheSeconds).toBe(0);
    expect(c.database.pool).toBe(24);
    expect(() => loadConfig({ root, env: { NETOPS_SESSION_CACHE_SECONDS: "61" } })).toThrow(
      /NETOPS_SESSION_CACHE_SECONDS.*auth\.sessionCacheSeconds|auth\.sessionCacheSeconds/s,
    );
    expect(() => loadConfig({ root, env: { NETOPS_DB_POOL: "0" } })).toThrow(/database\.pool/);
  });
});
