// netops.yaml `bgp:` keys and their NETOPS_BGP_* variables (the environment wins, in compact forms).
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfigText } from "../src";

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

const YAML = `bgp:
  bmpListen: 127.0.0.1:11019
  syslogUdpListen: "[::1]:5514"
  syslogTcpListen: 0.0.0.0:6514
  syslogRouters:
    192.0.2.7: edge7
  logFiles:
    - router: bird-a
      path: /var/log/bird.log
  ticketPattern: "NET-\\\\d+"
  ticketUrl: https://tickets.example.net/browse/{ref}
`;

describe("bgp configuration", () => {
  it("defaults: no listener, no files, 64 BMP connections, 1 s file polling, UDP read off the main thread into 8 MiB", () => {
    expect(parseConfigText("", null).bgp).toEqual({
      bmpMaxConnections: 64,
      syslogRouters: {},
      logFiles: [],
      filePollMs: 1000,
      syslogUdpBufferBytes: 8 * 1024 * 1024,
      syslogUdpWorker: true,
    });
  });

  it("reads every key from netops.yaml", () => {
    expect(parseConfigText(YAML, "netops.yaml").bgp).toEqual({
      bmpListen: "127.0.0.1:11019",
      bmpMaxConnections: 64,
      syslogUdpListen: "[::1]:5514",
      syslogTcpListen: "0.0.0.0:6514",
      syslogRouters: { "192.0.2.7": "edge7" },
      logFiles: [{ router: "bird-a", path: "/var/log/bird.log" }],
      filePollMs: 1000,
      syslogUdpBufferBytes: 8 * 1024 * 1024,
      syslogUdpWorker: true,
      ticketPattern: "NET-\\d+",
      ticketUrl: "https://tickets.example.net/browse/{ref}",
    });
  });

  it("the NETOPS_BGP_* variables keep working and win over the file", () => {
    const c = parseConfigText(YAML, "netops.yaml", {
      NETOPS_BGP_BMP_LISTEN: "127.0.0.1:12000",
      NETOPS_BGP_BMP_MAX_CONNECTIONS: "8",
      NETOPS_BGP_LOG_FILES: "frr=/var/log/frr/bgpd.log,/var/log/gobgpd.log",
      NETOPS_BGP_SYSLOG_ROUTERS: "192.0.2.1=rtr1, 192.0.2.2=rtr2",
      NETOPS_BGP_FILE_POLL_MS: "250",
      NETOPS_BGP_TICKET_URL: "http://t.example.net/{ref}",
    });
    expect(c.bgp).toMatchObject({
      bmpListen: "127.0.0.1:12000",
      bmpMaxConnections: 8,
      syslogUdpListen: "[::1]:5514",
      logFiles: [
        { router: "frr", path: "/var/log/frr/bgpd.log" },
        { router: "gobgpd.log", path: "/var/log/gobgpd.log" },
      ],
      syslogRouters: { "192.0.2.1": "rtr1", "192.0.2.2": "rtr2" },
      filePollMs: 250,
      ticketPattern: "NET-\\d+",
      ticketUrl: "http://t.example.net/{ref}",
    });
  });

  it("locates bad values in the file and names the variable for bad environment values", () => {
    const yaml = "bgp:\n  bmpListen: 127.0.0.1\n  ticketPattern: '(unclosed'\n  filePollMs: 10\n";
    const p = problems(() => parseConfigText(yaml, "netops.yaml"));
    expect(p).toEqual([
      expect.stringMatching(/^netops\.yaml:2:14: bgp\.bmpListen: expected HOST:PORT/),
      expect.stringMatching(/^netops\.yaml:4:15: bgp\.filePollMs: /),
      expect.stringMatching(/^netops\.yaml:3:18: bgp\.ticketPattern: not a valid regular expression/),
    ]);
    const env = problems(() =>
      parseConfigText("", null, {
        NETOPS_BGP_SYSLOG_TCP_LISTEN: "127.0.0.1:70000",
        NETOPS_BGP_TICKET_URL: "ftp://x/{ref}",
      }),
    );
    expect(env).toEqual([
      expect.stringMatching(/NETOPS_BGP_SYSLOG_TCP_LISTEN: bgp\.syslogTcpListen: port above 65535/),
      expect.stringMatching(
        /NETOPS_BGP_TICKET_URL: bgp\.ticketUrl: expected an http\(s\) URL containing \{ref\}/,
      ),
    ]);
    expect(problems(() => parseConfigText("", null, { NETOPS_BGP_SYSLOG_ROUTERS: "192.0.2.1" }))).toEqual([
      expect.stringMatching(/bgp\.syslogRouters: expected ADDRESS=ROUTER, got "192\.0\.2\.1"/),
    ]);
  });

  it("names the field of a bad log file entry", () => {
    expect(problems(() => parseConfigText("bgp:\n  logFiles:\n    - router: a\n", "netops.yaml"))).toEqual([
      expect.stringMatching(/^netops\.yaml: bgp\.logFiles\.0\.path: Invalid input: expected string/),
    ]);
  });

  it("refuses unknown keys in the section", () => {
    expect(problems(() => parseConfigText("bgp:\n  bmpListn: 127.0.0.1:1\n", "netops.yaml"))).toEqual([
      expect.stringMatching(/^netops\.yaml:\d+:\d+: bgp: Unrecognized key: "bmpListn"/),
    ]);
  });
});
