import path from "node:path";
import type { Services } from "@netops/api";
import { LAB_DHCPD, LAB_KEA, LabLeaseFiles } from "./lab-writer";

/** Where the demo's lab writer keeps its lease files (inside the data directory). */
export function dhcpLabDir(dataDir: string): string {
  return path.join(dataDir, "dhcp-lab");
}

/**
 * Demo mode: lab lease files in the data directory, registered as lab sources with their pools,
 * and a timer that keeps them changing. Returns the stop function.
 */
export async function startDhcpLab(services: Services, dataDir: string, everyMs = 5000): Promise<() => void> {
  const files = new LabLeaseFiles(dhcpLabDir(dataDir), () => Math.floor(Date.now() / 1000));
  files.reset();
  const db = services.db;
  const ensure = async (
    name: string,
    kind: "kea-memfile" | "dhcpd-leases",
    location: string,
    subnet: string,
    pool: string,
  ) => {
    let src = await db.dhcpSource.findUnique({ where: { name } });
    if (!src) {
      src = await db.dhcpSource.create({ data: { name, kind, location, lab: true, staleAfterSeconds: 300 } });
    }
    if ((await db.dhcpSubnet.count({ where: { sourceId: src.id } })) === 0) {
      await services.dhcp.addSubnet(src.id, subnet, [pool], "lab-shared");
    }
  };
  await ensure("lab-kea-memfile", "kea-memfile", files.keaPath, LAB_KEA.subnet, LAB_KEA.pool);
  await ensure("lab-dhcpd", "dhcpd-leases", files.dhcpdPath, LAB_DHCPD.subnet, LAB_DHCPD.pool);
  const timer = setInterval(() => {
    try {
      files.step();
    } catch (err) {
      services.logger.warn({ err }, "dhcp lab writer failed");
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
