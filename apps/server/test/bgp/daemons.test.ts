// Real Debian daemons on loopback (BIRD 2 and FRR bgpd, see .ci/apt-packages.txt): BIRD shuts the
// session down with a message; the console gets it from FRR's BMP export and from FRR's log file,
// and stores the exact text — an ASCII one, then a 200-octet Cyrillic one (RFC 9003, > 128 octets).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Harness, startHarness, until } from "../harness";

const BIRD_IP = "127.0.0.41";
const FRR_IP = "127.0.0.42";
const PORT = 11179;
const ASCII = "[REF056255] upgrading the router, back in 30 minutes";
/** Cyrillic text padded with "ж" (2 octets each) to exactly `octets` UTF-8 octets. */
function cyrillic(octets: number): string {
  let t = "Плановые работы на маршрутизаторе, вернёмся через полчаса ";
  if ((octets - Buffer.byteLength(t)) % 2) t += ".";
  while (Buffer.byteLength(t) < octets) t += "ж";
  return t;
}
const CYRILLIC = cyrillic(200);
// Real daemons: session set-up and BGP timers take seconds, so wait up to a minute.
const DAEMON_WAIT = { tries: 300, everyMs: 200 };

describe("real BIRD → FRR shutdown communication, collected over BMP and from the log file", () => {
  let dir: string;
  let h: Harness;
  let c: Client;
  const procs: ChildProcess[] = [];
  const birdc = (cmd: string) =>
    execFileSync("birdc", ["-s", path.join(dir, "bird.ctl"), cmd], { encoding: "utf8" });

  beforeAll(async () => {
    expect(Buffer.byteLength(CYRILLIC)).toBe(200);
    dir = mkdtempSync(path.join(tmpdir(), "bgp-daemons-"));
    const frrLog = path.join(dir, "bgpd.log");
    h = await startHarness({
      env: {
        NETOPS_BGP_BMP_LISTEN: "127.0.0.1:0",
        NETOPS_BGP_LOG_FILES: `frr-lab=${frrLog}`,
        NETOPS_BGP_FILE_POLL_MS: "100",
      },
    });
    c = new Client(h);
    await c.login("admin", "admin-password-1");
    const bmpPort = /:(\d+)$/.exec(h.app.services.bgp.collectors.get("bmp") ?? "")?.[1];
    writeFileSync(
      path.join(dir, "bgpd.conf"),
      `hostname frr-lab
log file ${frrLog} informational
log timestamp precision 3
router bgp 65042
 bgp router-id ${FRR_IP}
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp log-neighbor-changes
 neighbor ${BIRD_IP} remote-as 65041
 neighbor ${BIRD_IP} port ${PORT}
 neighbor ${BIRD_IP} update-source ${FRR_IP}
 neighbor ${BIRD_IP} disable-connected-check
 neighbor ${BIRD_IP} timers connect 2
 bmp targets lab
  bmp monitor ipv4 unicast pre-policy
  bmp connect 127.0.0.1 port ${bmpPort} min-retry 500 max-retry 2000
 exit
exit
`,
    );
    writeFileSync(
      path.join(dir, "bird.conf"),
      `log "${path.join(dir, "bird.log")}" all;
router id ${BIRD_IP};
protocol device { scan time 60; }
protocol bgp to_frr {
  local ${BIRD_IP} port ${PORT} as 65041;
  neighbor ${FRR_IP} port ${PORT} as 65042;
  strict bind yes;
  multihop 2;
  connect retry time 2;
  error wait time 1, 5;
  ipv4 { import all; export none; };
}
`,
    );
    procs.push(
      spawn(
        "/usr/lib/frr/bgpd",
        [
          "-f",
          path.join(dir, "bgpd.conf"),
          "-Z",
          "-S",
          "-l",
          FRR_IP,
          "-p",
          String(PORT),
          "-P",
          "0",
          "-i",
          path.join(dir, "bgpd.pid"),
          "--vty_socket",
          dir,
          "-M",
          "bmp",
        ],
        { stdio: "ignore" },
      ),
      spawn(
        "bird",
        [
          "-f",
          "-c",
          path.join(dir, "bird.conf"),
          "-s",
          path.join(dir, "bird.ctl"),
          "-P",
          path.join(dir, "bird.pid"),
        ],
        { stdio: "ignore" },
      ),
    );
    await until(
      () => {
        try {
          return birdc("show protocols to_frr").includes("Established");
        } catch {
          return false;
        }
      },
      "BIRD–FRR session Established",
      DAEMON_WAIT,
    );
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null) p.kill("SIGTERM");
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once("exit", r)) : null)));
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const texts = async (source: string) => {
    const r = (await c.query("bgp.events", { source, limit: 500 })).data as {
      items: { text: string | null; textBytes: number | null; direction: string; subcode: number | null }[];
    };
    return r.items;
  };

  for (const [name, msg] of [
    ["ASCII", ASCII],
    ["200-octet Cyrillic", CYRILLIC],
  ] as const) {
    it(`delivers the ${name} message exactly through BMP and through the log file`, async () => {
      birdc(`disable to_frr "${msg}"`);
      await until(
        async () => (await texts("bmp")).some((e) => e.text === msg),
        "BMP Peer Down with the text",
        DAEMON_WAIT,
      );
      await until(
        async () => (await texts("file")).some((e) => e.text === msg),
        "FRR log line with the text",
        DAEMON_WAIT,
      );
      const bmp = (await texts("bmp")).find((e) => e.text === msg);
      expect(bmp).toMatchObject({ direction: "received", subcode: 2, textBytes: Buffer.byteLength(msg) });
      birdc("enable to_frr");
      await until(
        () => birdc("show protocols to_frr").includes("Established"),
        "re-established",
        DAEMON_WAIT,
      );
    }, 90_000);
  }
});
