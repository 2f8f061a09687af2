// The collectors' settings: netops.yaml's bgp section, with the NETOPS_BGP_* variables winning.
import { parseConfigText } from "@netops/config";
import { describe, expect, it } from "vitest";
import { BgpConfigError, bgpCollectorConfig, bgpServiceOptions } from "@netops/api";

const yaml = parseConfigText(
  [
    "bgp:",
    "  bmpListen: 127.0.0.1:11019",
    '  syslogUdpListen: "[::1]:5514"',
    "  syslogRouters: { 192.0.2.7: edge7 }",
    "  logFiles: [{ router: bird-a, path: /var/log/bird.log }]",
    "  bmpMaxConnections: 4",
    "  syslogUdpBufferBytes: 1048576",
    "  ticketUrl: https://tickets.example.net/{ref}",
  ].join("\n"),
  "netops.yaml",
).bgp;

describe("BGP collector configuration", () => {
  it("takes the listeners, files and router names from netops.yaml", () => {
    const c = bgpCollectorConfig({}, yaml);
    expect(c).toEqual({
      bmp: { host: "127.0.0.1", port: 11019 },
      syslogUdp: { host: "::1", port: 5514 },
      syslogTcp: null,
      files: [{ router: "bird-a", path: "/var/log/bird.log" }],
      syslogRouters: new Map([["192.0.2.7", "edge7"]]),
      maxBmpConnections: 4,
      filePollMs: 1000,
      syslogUdpBufferBytes: 1048576,
      syslogUdpWorker: true,
    });
    expect(bgpServiceOptions({}, yaml)).toEqual({ ticketUrl: "https://tickets.example.net/{ref}" });
  });

  it("lets each NETOPS_BGP_* variable override its key", () => {
    const c = bgpCollectorConfig(
      { NETOPS_BGP_BMP_LISTEN: "127.0.0.1:12000", NETOPS_BGP_LOG_FILES: "frr=/tmp/frr.log" },
      yaml,
    );
    expect(c.bmp).toEqual({ host: "127.0.0.1", port: 12000 });
    expect(c.files).toEqual([{ router: "frr", path: "/tmp/frr.log" }]);
    expect(c.syslogUdp).toEqual({ host: "::1", port: 5514 });
    expect(bgpServiceOptions({ NETOPS_BGP_TICKET_PATTERN: "NET-\\d+" }, yaml)).toEqual({
      ticketPattern: "NET-\\d+",
      ticketUrl: "https://tickets.example.net/{ref}",
    });
    expect(() => bgpCollectorConfig({ NETOPS_BGP_BMP_LISTEN: "nowhere" }, yaml)).toThrow(BgpConfigError);
  });

  it("takes the syslog UDP buffer size and worker switch from their variables, with precise errors", () => {
    const c = bgpCollectorConfig(
      { NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES: "4194304", NETOPS_BGP_SYSLOG_UDP_WORKER: "false" },
      yaml,
    );
    expect(c).toMatchObject({ syslogUdpBufferBytes: 4194304, syslogUdpWorker: false });
    expect(bgpCollectorConfig({}, {})).toMatchObject({
      syslogUdpBufferBytes: 8 * 1024 * 1024,
      syslogUdpWorker: true,
    });
    expect(() => bgpCollectorConfig({ NETOPS_BGP_SYSLOG_UDP_WORKER: "yes" }, yaml)).toThrow(
      'NETOPS_BGP_SYSLOG_UDP_WORKER: expected true or false, got "yes"',
    );
    expect(() => bgpCollectorConfig({ NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES: "100" }, yaml)).toThrow(
      /NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES: expected an integer from 65536/,
    );
    expect(() => parseConfigText("bgp:\n  syslogUdpWorker: maybe", "netops.yaml")).toThrow(/syslogUdpWorker/);
  });
});
