// netops.yaml `epp:` — registry session timings and the transcript's retention.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfigText } from "../src";

describe("epp configuration", () => {
  it("defaults: no extra registry servers, 30 s command timeout, 240 s keepalive, 15 min host refresh, 90 days / 200000 rows", () => {
    expect(parseConfigText("", null).epp).toEqual({
      allowedServers: [],
      commandTimeoutSeconds: 30,
      keepaliveSeconds: 240,
      hostRefreshMinutes: 15,
      transcriptDays: 90,
      transcriptMaxRows: 200_000,
    });
  });

  it("reads the keys from netops.yaml", () => {
    const yaml = "epp:\n  commandTimeoutSeconds: 10\n  keepaliveSeconds: 60\n  transcriptDays: 30\n";
    expect(parseConfigText(yaml, "netops.yaml").epp).toMatchObject({
      commandTimeoutSeconds: 10,
      keepaliveSeconds: 60,
      hostRefreshMinutes: 15,
      transcriptDays: 30,
    });
  });

  it("refuses bad values and unknown keys with their location", () => {
    let err: unknown;
    try {
      parseConfigText("epp:\n  transcriptDays: 0\n  keepalive: 5\n", "netops.yaml");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join("\n");
    expect(problems).toMatch(/netops\.yaml:2:\d+: epp\.transcriptDays/);
    expect(problems).toMatch(/keepalive/);
  });
});
