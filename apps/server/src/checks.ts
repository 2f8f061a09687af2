import type { Services } from "@netops/api";
import type { AlertInput } from "@netops/protocols";

export interface SecurityFacts {
  host: string;
  publicOrigin: string;
  secretKeyFromEnv: boolean;
  demoUsers: string[];
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Conditions an operator should know about in the console's own set-up. Each is a real
 * check; each clears its alert when fixed.
 */
export async function securityCheck(services: Services, facts: SecurityFacts): Promise<void> {
  const current: AlertInput[] = [];
  if (!LOOPBACK.has(facts.host) && facts.publicOrigin.startsWith("http://")) {
    current.push({
      source: "system",
      severity: "warning",
      labels: { check: "security", issue: "plain-http" },
      summary: `The console listens on ${facts.host} over plain HTTP`,
      details:
        "Passwords and session cookies cross the network unencrypted. Put a TLS proxy in front and set server.publicOrigin to its https:// origin.",
      links: [{ label: "System status", href: "/settings/system" }],
    });
  }
  if (!facts.secretKeyFromEnv) {
    current.push({
      source: "system",
      severity: "info",
      labels: { check: "security", issue: "secret-key-file" },
      summary: "Secrets are encrypted with a key kept beside the database",
      details:
        "NETOPS_SECRET_KEY is not set, so the key was generated into data/secret.key. A copy of the data folder holds both the secrets and their key; set NETOPS_SECRET_KEY from a secret store in production.",
      links: [{ label: "System status", href: "/settings/system" }],
    });
  }
  const demo = await services.db.user.findMany({
    where: { username: { in: facts.demoUsers }, disabled: false },
  });
  if (demo.length > 0) {
    current.push({
      source: "system",
      severity: "warning",
      labels: { check: "security", issue: "demo-users" },
      summary: `Demo users are enabled: ${demo.map((u) => u.username).join(", ")}`,
      details:
        "The demo seed created these users and printed their passwords. Disable or delete them before real use (Settings → Users).",
      links: [{ label: "Users", href: "/settings/users" }],
    });
  }
  await services.alerts.reconcile("system", { check: "security" }, current);
}
