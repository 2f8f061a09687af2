import { describe, expect, it } from "vitest";
import { auditTargetHref } from "./auditTargets";

describe("audit targets link to their objects", () => {
  it.each([
    ["alerts.acknowledge", "alert 12", "/alerts/12"],
    ["dns.update", "example.com.", "/dns/example.com"],
    ["dns.remove", "example.com.", null],
    ["registry.deleteHost", "ns1.example.net", "/registry/hosts?q=ns1.example.net"],
    ["registry.renewDomain", "example.net", "/registry/domains?name=example.net"],
    ["registry.answerTransfer", "example.net", "/registry/domains?name=example.net"],
    ["registry.updateConnection", "lab", "/registry/connections"],
    ["dhcp.addSubnet", "dhcp-subnet:kea:198.51.100.0/24", "/dhcp"],
    ["webhooks.update", "ops chat", "/settings/webhooks"],
    ["webhooks.remove", "ops chat", null],
    ["silences.create", "3f2a", "/alerts/silences"],
    ["auth.logout", "admin", null],
    ["users.setRole", "bob", "/settings/users"],
  ])("%s %j → %s", (action, target, href) => {
    expect(auditTargetHref(action, target)).toBe(href);
  });
  it("has no link without a target", () => {
    expect(auditTargetHref("alerts.resolve", null)).toBeNull();
  });
});
