import { describe, expect, it } from "vitest";
import { loginErrorText } from "./LoginPage";

const err = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe("loginErrorText", () => {
  it("words a wrong password plainly", () => {
    expect(loginErrorText(err("UNAUTHORIZED", "wrong username or password"), null)).toBe(
      "Wrong username or password.",
    );
  });
  it("counts down a rate limit", () => {
    const e = err("TOO_MANY_REQUESTS", "too many failed logins; try again in 90 s");
    expect(loginErrorText(e, 90)).toBe("Too many failed logins. Try again in 1m.");
    expect(loginErrorText(e, 42)).toBe("Too many failed logins. Try again in 42s.");
    expect(loginErrorText(e, 0)).toBe("Too many failed logins. You can try again now.");
    expect(loginErrorText(e, null)).toMatch(/try again in 90 s/);
  });
  it("passes other server messages through", () => {
    expect(loginErrorText(err("INTERNAL_SERVER_ERROR", "internal error (logged on the server)"), null)).toBe(
      "internal error (logged on the server)",
    );
  });
});
