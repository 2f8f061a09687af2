/**
 * The Kea control-socket transport against hostile local servers: silence, garbage, an endless
 * answer, a vanished socket. Each gives a precise error naming the command, within its bounds.
 * (The happy path runs against a real kea-dhcp4 in kea-real.test.ts.)
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KeaClient, KeaOutbound } from "../../src/features/dhcp/kea-api";
import { keaSocketExchange } from "../../src/features/dhcp/kea-socket";

const dir = mkdtempSync(path.join(tmpdir(), "kea-sock-"));
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

/** A UNIX socket server whose connection handler plays the misbehaving Kea. */
async function fakeKea(name: string, onConn: (s: Socket, request: string) => void): Promise<string> {
  const p = path.join(dir, name);
  const srv = createServer((s) => {
    let req = "";
    s.on("data", (c) => {
      req += c.toString();
      // The client sends one JSON object and waits: answer once it is complete.
      try {
        JSON.parse(req);
      } catch {
        return;
      }
      onConn(s, req);
    });
    s.on("error", () => {});
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(p, r));
  return p;
}

// The test folder is the one configured socket folder (dhcp.keaSocketDirs).
const outbound = new KeaOutbound({ agents: [], socketDirs: [dir] });
const client = (url: string, timeoutMs = 500) =>
  new KeaClient({ url, service: "dhcp4", timeoutMs, outbound });

describe("Kea control socket", () => {
  it("sends the command without the agent's service field and reads one answer up to EOF", async () => {
    let seen = "";
    const p = await fakeKea("ok.sock", (s, req) => {
      seen = req;
      // Split in two writes: the answer is only complete at EOF.
      s.write('{ "result": 0, "text": "ok", ');
      setTimeout(() => s.end('"arguments": { "x": 1 } }'), 20);
    });
    const a = await client(p).command<{ x: number }>("version-get", { a: 1 });
    expect(a).toEqual({ result: 0, text: "ok", arguments: { x: 1 } });
    expect(JSON.parse(seen)).toEqual({ command: "version-get", arguments: { a: 1 } });
  });

  it("reports Kea's error result with its text", async () => {
    const p = await fakeKea("err.sock", (s) =>
      s.end('{ "result": 2, "text": "\'lease4-get-page\' command not supported." }'),
    );
    await expect(client(p).command("lease4-get-page")).rejects.toThrow(
      "lease4-get-page: 'lease4-get-page' command not supported.",
    );
  });

  it("times out on a server that never answers, with the same words as a missing socket", async () => {
    const p = await fakeKea("silent.sock", () => {});
    await expect(client(p, 300).command("config-get")).rejects.toMatchObject({
      message: `config-get: could not reach ${p}: connection failed`,
      detail: "no answer within 300 ms",
    });
  });

  it("refuses garbage and an answer without a result code", async () => {
    const g = await fakeKea("garbage.sock", (s) => s.end("\u0000\u0001not json secret-banner"));
    // Never echoed: the bytes may be another service's.
    await expect(client(g).command("config-get")).rejects.toThrow(
      /^config-get: the answer is not Kea's JSON$/,
    );
    const n = await fakeKea("noresult.sock", (s) => s.end('{"arguments":{}}'));
    await expect(client(n).command("config-get")).rejects.toThrow("config-get: answer has no result code");
  });

  it("cuts off an answer beyond the size bound instead of buffering it", async () => {
    const p = await fakeKea("flood.sock", (s) => {
      const block = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!s.destroyed && s.write(block)) {}
        if (!s.destroyed) s.once("drain", pump);
      };
      pump();
    });
    await expect(keaSocketExchange(p, '{"command":"x"}', 5_000, 256 * 1024)).rejects.toThrow(
      "answer larger than 262144 bytes",
    );
  });

  it("a missing socket and a file that is not a socket read like a silent one", async () => {
    const missing = path.join(dir, "nowhere.sock");
    await expect(client(missing).command("config-get")).rejects.toThrow(
      `config-get: could not reach ${missing}: connection failed`,
    );
    const file = path.join(dir, "plain-file");
    writeFileSync(file, "not a socket");
    await expect(client(file).command("config-get")).rejects.toThrow(
      `config-get: could not reach ${file}: connection failed`,
    );
  });

  it("uses only sockets inside dhcp.keaSocketDirs, symlinks resolved, before touching anything", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), "kea-other-"));
    try {
      let connections = 0;
      const srv = createServer((s) => {
        connections++;
        s.end('{"result":0}');
      });
      servers.push(srv);
      const real = path.join(outside, "real.sock");
      await new Promise<void>((r) => srv.listen(real, r));
      const link = path.join(dir, "link.sock");
      symlinkSync(real, link);
      for (const p of [real, link, path.join(dir, "..", path.basename(outside), "real.sock")])
        await expect(client(p).command("config-get")).rejects.toThrow(
          /outside the configured Kea socket folders \(dhcp\.keaSocketDirs\)/,
        );
      expect(await outbound.locationProblem(real)).toMatch(/outside the configured Kea socket folders/);
      const none = new KeaClient({
        url: real,
        service: "dhcp4",
        timeoutMs: 300,
        outbound: new KeaOutbound(),
      });
      await expect(none.command("config-get")).rejects.toThrow(/no Kea socket folders are configured/);
      expect(connections).toBe(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
