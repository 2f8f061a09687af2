/** Demo only: the lab DNS servers and the demo zones (checked through the same code as real ones). */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Services } from "@netops/api";
import { type LabServer, startLabDnsServer } from "./lab-server";

export const DEMO_ZONE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "demo");

const DEMO_FILE_ZONES = [
  { name: "verified.example.", file: "verified.example.zone" },
  { name: "corrupt.example.", file: "corrupt.example.zone" },
  { name: "plain.example.", file: "plain.example.zone" },
];

async function seedDemoZones(services: Services, primary: number, secondary: number): Promise<void> {
  const { db, dns } = services;
  // Exactly the lab servers' loopback ports, not all of loopback.
  dns.policy.allow(`127.0.0.1:${primary}`);
  dns.policy.allow(`127.0.0.1:${secondary}`);
  if (!(await db.meta.findUnique({ where: { key: "demo" } }))) return;
  for (const z of DEMO_FILE_ZONES) {
    if (await dns.findByName(z.name)) continue;
    await dns.create({
      name: z.name,
      sourceKind: "file",
      source: path.join(DEMO_ZONE_DIR, z.file),
      intervalSeconds: 300,
    });
  }
  // The lab servers listen on new ports at every start: point the lab zone at them.
  const servers = [
    { label: "lab-primary", host: "127.0.0.1", port: primary, role: "primary" as const },
    { label: "lab-secondary", host: "127.0.0.1", port: secondary, role: "secondary" as const },
  ];
  const lab = await dns.findByName("lab.example.");
  if (!lab)
    await dns.create({
      name: "lab.example.",
      sourceKind: "axfr",
      source: `127.0.0.1:${primary}`,
      servers,
      intervalSeconds: 300,
    });
  else await dns.update({ id: lab.id, source: `127.0.0.1:${primary}`, servers });
}

/** The lab primary and secondary on loopback, and the demo zones pointed at them. Returns the stop function. */
export async function startDnsLabs(services: Services): Promise<() => Promise<void>> {
  const labs: LabServer[] = [];
  try {
    labs.push(
      await startLabDnsServer([{ name: "lab.example.", file: path.join(DEMO_ZONE_DIR, "lab.example.zone") }]),
    );
    labs.push(
      await startLabDnsServer([
        { name: "lab.example.", file: path.join(DEMO_ZONE_DIR, "lab.example.previous.zone") },
      ]),
    );
    await seedDemoZones(services, labs[0]!.port, labs[1]!.port);
  } catch (err) {
    services.logger.error({ err }, "DNS demo (lab servers) could not start");
  }
  return async () => {
    await Promise.all(labs.map((l) => l.stop()));
  };
}
