import { expect, type Page, test } from "@playwright/test";

const ADMIN = { username: "admin", password: "e2e-admin-password" };

async function login(page: Page) {
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

// The demo starts the LAB EPP registry on loopback (TLS, its own CA) with demo objects and a
// console connection to it; everything below goes over real EPP sessions.
test("create a host with glue at the lab registry, link it to a domain, and see its delete refused with 2305 explained", async ({
  page,
}) => {
  await page.goto("/registry");
  await login(page);
  await expect(page.getByRole("heading", { name: "Registry", level: 1 })).toBeVisible();
  const ns1 = page.getByRole("row").filter({ hasText: "ns1.netops-demo.example" });
  await expect(ns1).toContainText("linked");
  // Linked domains are links to their entity pages, one per domain.
  await expect(ns1.getByRole("link", { name: "netops-demo.example", exact: true })).toBeVisible();
  await expect(ns1.getByRole("link", { name: "shop-demo.example", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "New host" }).click();
  await page.getByLabel("Host name").fill("ns3.netops-demo.example");
  await page.getByLabel("Addresses (glue), one per line").fill("192.0.2.54");
  await expect(page.getByTestId("glue-hint")).toContainText("under netops-demo.example");
  await page.getByRole("button", { name: "Create host" }).click();
  await page.getByRole("button", { name: "Confirm create" }).click();
  const created = page.getByRole("row").filter({ hasText: "ns3.netops-demo.example" });
  await expect(created).toContainText("192.0.2.54");
  await expect(created).toContainText("netops-demo");

  // The host just created: link it as a name server of one of our domains, see it linked, then
  // the registry refuses its delete with 2305, explained with the linking domain.
  await created.getByRole("link", { name: "ns3.netops-demo.example" }).click();
  await expect(page.getByRole("heading", { name: "ns3.netops-demo.example", level: 1 })).toBeVisible();
  await page.getByLabel("Link to domain").selectOption("netops-demo.example");
  await page.getByRole("button", { name: "Link host" }).click();
  await expect(page.getByTestId("linked-domains")).toContainText("netops-demo.example");
  await expect(page.getByTestId("host-statuses")).toContainText("linked");
  await page.getByRole("button", { name: "Delete host" }).click();
  await page.getByRole("button", { name: "Yes" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Object association prohibits operation" });
  await expect(refusal).toContainText("2305");
  await expect(refusal).toContainText("RFC 5732");
  const linked = refusal.getByRole("list", { name: "Linked domains" });
  await expect(linked).toContainText("netops-demo.example");

  // The refused delete is in the host's history, from the transcript.
  await page.reload();
  await expect(page.getByRole("cell", { name: /2305/ }).first()).toBeVisible();

  await page.goto("/registry/poll");
  await expect(page.getByText("Transfer of shop-demo.example requested by other-registrar")).toBeVisible();
});
