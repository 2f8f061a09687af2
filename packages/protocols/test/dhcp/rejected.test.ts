import { describe, expect, it } from "vitest";
import {
  DhcpdLeaseParser,
  formatRejectedLine,
  parseAll,
  rejectedLines,
  isInsideFolder,
  leaseError,
  leaseLocationShapeProblem,
  rejectedLine,
  rejectedLinesFor,
  sourceForRole,
} from "../../src/dhcp";

const SECRET = "root:$6$hunter2$abcdef:19000:0:99999:7:::";

describe("rejected lease records", () => {
  it("keep line, code, field and reason, never the record's text", () => {
    const e = leaseError("kea-csv", "column-count", 3, null, "expected 12 columns, got 1", SECRET);
    expect(e.text).toBe(SECRET);
    expect(rejectedLine(e)).toEqual({
      line: 3,
      code: "column-count",
      field: null,
      reason: "expected 12 columns, got 1",
    });
    expect(JSON.stringify(rejectedLine(e))).not.toContain("hunter2");
  });

  it("clip a long field or reason and flatten control characters (no forged second line)", () => {
    const r = rejectedLine({ line: 2, field: "f".repeat(100), reason: `bad\nline 3: ${"x".repeat(500)}` });
    expect(r?.field).toBeNull();
    expect(r?.reason.startsWith("bad line 3: ")).toBe(true);
    expect(r?.reason).toHaveLength(161);
    expect(rejectedLine({ line: 0, reason: "x" })).toBeNull();
    expect(rejectedLine({ line: 1, field: "client-id", reason: "x" })?.field).toBe("client-id");
    expect(rejectedLine({ line: 1, field: "user_context", reason: "x" })?.field).toBe("user_context");
    expect(rejectedLine("line 1")).toBeNull();
  });

  it("are listed to admins only, at most 20; other roles get null (the count stays on the source)", () => {
    const stored = Array.from({ length: 30 }, (_, i) => ({
      line: i + 1,
      code: "syntax",
      field: "ends",
      reason: "r",
      text: SECRET,
    }));
    const admin = rejectedLinesFor("admin", stored);
    expect(admin).toHaveLength(20);
    expect(JSON.stringify(admin)).not.toContain("hunter2");
    expect(rejectedLinesFor("operator", stored)).toBeNull();
    expect(rejectedLinesFor("viewer", stored)).toBeNull();
    const src = { id: 1, parseErrorCount: 30, parseErrors: stored };
    expect(sourceForRole("viewer", src)).toEqual({ id: 1, parseErrorCount: 30, parseErrors: null });
    expect(formatRejectedLine(admin?.[0] ?? { line: 0, code: null, field: null, reason: "" })).toBe(
      "line 1: ends: r",
    );
    expect(formatRejectedLine({ line: 4, code: null, field: null, reason: "expected 5 fields, got 1" })).toBe(
      "line 4: expected 5 fields, got 1",
    );
  });
});

it("a dhcpd statement that is not one (a password line) is echoed neither as field nor in the reason", () => {
  for (const input of [`${SECRET}\n`, "root:$6$hunter2$abc:19000 {\n"]) {
    const errors = parseAll(new DhcpdLeaseParser({ server: "t" }), input).filter((i) => i.kind === "error");
    expect(JSON.stringify(errors)).toContain("hunter2");
    const kept = rejectedLines(errors);
    expect(kept.length).toBe(errors.length);
    expect(JSON.stringify(kept)).not.toContain("hunter2");
  }
  expect(
    rejectedLines(parseAll(new DhcpdLeaseParser({ server: "t" }), "root:$6$hunter2$abc:19000 {\n")),
  ).toEqual([
    {
      line: 1,
      code: "unterminated-block",
      field: null,
      reason: "input ended inside a … block opened here (missing '}')",
    },
  ]);
});

describe("lease-file location rules without the file system", () => {
  it("refuse relative paths, '..' and an empty folder list; a sibling folder is not inside", () => {
    expect(leaseLocationShapeProblem("leases.csv", ["/var/lib/kea"])).toBe(
      "an absolute path to the lease file",
    );
    expect(leaseLocationShapeProblem("/var/lib/kea/../../etc/shadow", ["/var/lib/kea"])).toContain("'..'");
    expect(leaseLocationShapeProblem("/var/lib/kea/x.csv", [])).toContain(
      "no lease-file folders are configured",
    );
    expect(leaseLocationShapeProblem("/var/lib/kea/x.csv", ["/var/lib/kea"])).toBeNull();
    expect(isInsideFolder("/var/lib/kea", "/var/lib/kea/x.csv")).toBe(true);
    expect(isInsideFolder("/var/lib/kea/", "/var/lib/kea/x.csv")).toBe(true);
    expect(isInsideFolder("/var/lib/kea", "/var/lib/kea2/x.csv")).toBe(false);
    expect(isInsideFolder("/var/lib/kea", "/var/lib")).toBe(false);
  });
});
