import { FEATURE_SUBSYSTEMS } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { mockSubsystems } from "../src/subsystems";

describe("mockSubsystems", () => {
  it("finds `<id>.mock.ts` for every described subsystem", () => {
    const found = mockSubsystems();
    expect(Object.keys(found)).toEqual(FEATURE_SUBSYSTEMS.map((s) => s.id));
    for (const m of Object.values(found)) expect(typeof m).toBe("function");
  });

  it("names the file a described subsystem lacks", () => {
    const all = import.meta.glob("../src/*.mock.ts", { eager: true, import: "mockSubsystem" });
    const files = Object.fromEntries(
      Object.entries(all)
        .map(([k, v]) => [k.replace("../src/", "./"), v] as const)
        .filter(([k]) => k !== "./dns.mock.ts"),
    );
    expect(Object.keys(files).length).toBe(Object.keys(all).length - 1);
    expect(() => mockSubsystems(files)).toThrow("packages/mocks/src/dns.mock.ts must export mockSubsystem");
  });
});
