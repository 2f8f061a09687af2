import { expect, test } from "@playwright/test";

// Against the demo: the lab lease files (Kea memfile and dhcpd.leases in the data directory) are
// followed by the real collectors; the lab writer renews leases every second or so in e2e.
test.beforeEach(async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: /log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
});

test("shows the lab pools worst first, with the near-exhausted pool critical", async ({ page }) => {
  await page.goto("/dhcp");
  const pools = page.getByRole("table", { name: "Pools" });
  await expect(pools.getByRole("row").nth(1)).toContainText("198.18.20.10–198.18.20.29");
  await expect(pools.getByRole("row").nth(1)).toHaveAttribute("data-level", "critical");
  await expect(page.getByRole("list", { name: "Sources" })).toContainText("lab-dhcpd");
});

test("finds a lease by MAC prefix and opens its history", async ({ page }) => {
  await page.goto("/dhcp");
  await page.getByLabel("MAC starts with").fill("02-1A-B0-20-00-0");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/mac=02-1A-B0-20-00-0/);
  const leases = page.getByRole("table", { name: "Leases" });
  await expect(leases.getByRole("row")).toHaveCount(17); // header + 02:1a:b0:20:00:00 … 0f
  await expect(leases).toContainText("02:1a:b0:20:00:01");
  // The lab renews 198.18.20.11 soon after start; wait until its renewal is in the history.
  await expect(async () => {
    await page.goto("/dhcp?mac=02:1a:b0:20:00:01");
    await page.getByRole("link", { name: "198.18.20.11" }).click();
    await expect(page.getByRole("table", { name: "History of this address" })).toContainText("renewed", {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("198.18.20.11");
  await expect(page.getByRole("table", { name: "History of this client" })).toContainText(
    "02:1a:b0:20:00:01",
  );
});

test("an operator configures a subnet for a lease file, sees its pool counted, then removes it", async ({
  page,
}) => {
  await page.goto("/dhcp");
  await page.getByText("Add a subnet to lab-dhcpd").click();
  const form = page.getByRole("form", { name: "Add a subnet to lab-dhcpd" });
  await form.getByLabel("Subnet (CIDR)").fill("198.18.20.64/26");
  // Line 2 is outside the subnet: the server refuses and the form points at that line.
  await form.getByLabel("Pools, one per line").fill("198.18.20.70-198.18.20.79\n198.18.21.1-198.18.21.9");
  await form.getByRole("button", { name: "Add subnet" }).click();
  await expect(form).toContainText("Line 2: pool 198.18.21.1-198.18.21.9 is outside 198.18.20.64/26");
  await form.getByLabel("Pools, one per line").fill("198.18.20.70-198.18.20.79");
  await form.getByRole("button", { name: "Add subnet" }).click();
  // The real collector's leases are in 198.18.20.10–29, so the new pool of 10 is empty.
  const row = page
    .getByRole("table", { name: "Pools" })
    .getByRole("row", { name: /198\.18\.20\.70–198\.18\.20\.79/ });
  await expect(row).toContainText("0 / 10");
  await page.getByRole("button", { name: "Remove subnet 198.18.20.64/26 of lab-dhcpd" }).click();
  await page.getByRole("button", { name: "Yes" }).click();
  await expect(row).toHaveCount(0);
});
