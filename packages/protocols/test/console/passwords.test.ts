import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { passwordProblem, passwordSchema } from "../../src";
import { commonPasswords } from "../../src/console/common-passwords";

const common = commonPasswords();
const check = (password: string, username = "alice") => passwordProblem(password, { username, common });

describe("passwordProblem: the rule for every new password", () => {
  it("refuses the issue's examples, which pass the length rule", () => {
    expect(check("password1234")).toBe("this password is in the list of the 49,233 most common passwords");
    expect(check("123456789012")).toMatch(/^this password is (in the list of the 49,233 most common|a run)/);
    expect(check("PassWord1234")).toBe("this password is in the list of the 49,233 most common passwords");
  });

  it("refuses a common password with only digits or symbols around it", () => {
    expect(check("Sunshine!2024")).toBe(
      "this password is one of the 49,233 most common passwords with only digits or symbols added",
    );
    expect(check("2024-dragon-2024")).toMatch(/most common passwords with only digits or symbols added/);
  });

  it("refuses the username, alone or with only digits and symbols added, in any case", () => {
    expect(check("network-admin", "network-admin")).toBe("this password is the username");
    expect(check("Network-Admin", "network-admin")).toBe("this password is the username");
    expect(check("Alexandria1234", "alexandria")).toBe(
      "this password is the username with only digits or symbols added",
    );
    expect(check("!!ALEXANDRIA!!", "alexandria")).toBe(
      "this password is the username with only digits or symbols added",
    );
  });

  it("refuses trivial patterns", () => {
    expect(check("aaaaaaaaaaaaaa")).toBe("this password is one character repeated");
    expect(check("abc123abc123abc123")).toBe("this password is a short sequence repeated");
    expect(check("abcdefghijklmno")).toBe("this password is a run of consecutive characters or keys");
    expect(check("9876543210987")).toBe("this password is a run of consecutive characters or keys");
    expect(check("qwertyuiopqwe")).toBe("this password is a run of consecutive characters or keys");
  });

  it("accepts a strong password, and a username with real words around it", () => {
    expect(check("correct horse battery staple")).toBeNull();
    expect(check("vG7#pq2!Lm9zR4")).toBeNull();
    expect(check("alice-likes-tall-ferns", "alice")).toBeNull();
    // A repeated unit as long as the minimum is as strong as the unit.
    expect(check("tall-ferns-23tall-ferns-23")).toBeNull();
  });

  it("length comes first", () => {
    expect(check("short")).toBe("at least 12 characters");
    expect(check("x".repeat(257))).toBe("at most 256 characters");
  });
});

describe("passwordSchema: the cheap rules the browser checks too", () => {
  it("refuses patterns without the list, and says only the length for a short one", () => {
    const issues = (pw: string) => passwordSchema.safeParse(pw).error?.issues.map((i) => i.message) ?? [];
    expect(issues("aaaa")).toEqual(["at least 12 characters"]);
    expect(issues("zzzzzzzzzzzzzzz")).toEqual(["this password is one character repeated"]);
    expect(issues("correct horse battery staple")).toEqual([]);
  });
});

describe("the shipped list", () => {
  it("is the file its README names, byte for byte", () => {
    const file = new URL("../../src/console/common-passwords/passwords.json", import.meta.url);
    const sha = createHash("sha256").update(readFileSync(file)).digest("hex");
    expect(sha).toBe("f422773d94d630f27e08b26d7017e847bb1feb2a84809340e9c0b0c47b33e3f1");
    expect(common.size).toBe(49_233);
  });
});
