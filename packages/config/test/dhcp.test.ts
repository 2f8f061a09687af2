// netops.yaml `dhcp:` — the folders lease files may be read from, and the largest file read.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfigText } from "../src";

describe("dhcp configuration", () => {
  it("defaults: no lease folder (no file source can be read), 1 GiB per file", () => {
    expect(parseConfigText("", null).dhcp).toMatchObject({ leaseDirs: [], maxLeaseFileBytes: 1024 ** 3 });
  });

  it("reads the folders from netops.yaml, or from NETOPS_DHCP_LEASE_DIRS as a comma list", () => {
    const yaml = 'dhcp:\n  leaseDirs: ["/var/lib/kea"]\n  maxLeaseFileBytes: 4096\n';
    expect(parseConfigText(yaml, "netops.yaml").dhcp).toMatchObject({
      leaseDirs: ["/var/lib/kea"],
      maxLeaseFileBytes: 4096,
    });
    const env = {
      NETOPS_DHCP_LEASE_DIRS: "/var/lib/kea, /var/lib/dhcp,",
      NETOPS_DHCP_MAX_LEASE_FILE_BYTES: "2048",
    };
    expect(parseConfigText(yaml, "netops.yaml", env).dhcp).toMatchObject({
      leaseDirs: ["/var/lib/kea", "/var/lib/dhcp"],
      maxLeaseFileBytes: 2048,
    });
  });

  it("refuses a relative folder with its location", () => {
    let err: unknown;
    try {
      parseConfigText('dhcp:\n  leaseDirs: ["data/leases"]\n', "netops.yaml");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.join("\n")).toMatch(
      /netops\.yaml:2:\d+: dhcp\.leaseDirs\.0: an absolute folder path/,
    );
  });
});
