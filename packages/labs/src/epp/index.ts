/**
 * Demo only: the LAB registry on loopback with its demo objects and a console connection to it
 * (credentials sealed like any other connection).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Services } from "@netops/api";
import { NS } from "@netops/protocols/epp";
import { LAB_DEMO_CLIENT, LAB_OTHER_CLIENT, seedLabDemo } from "./demo";
import { type LabEppServer, startLabEppServer } from "./server";

export const LAB_CONNECTION_NAME = "lab-registry";
const LAB_ZONES = ["example"];
/** Demo domains read once at start so the host table shows which domains link which hosts. */
const LAB_DEMO_DOMAINS = ["netops-demo.example", "shop-demo.example", "other-customer.example"];

/** RFC 5730 passwords are 6–16 characters; a fresh one per start, never written to a file. */
const labPassword = () => randomBytes(9).toString("base64url");

async function connectDemo(services: Services, lab: LabEppServer): Promise<void> {
  const { db, registry } = services;
  // Exactly the LAB registry's loopback port, not all of loopback.
  registry.policy.allow(`127.0.0.1:${lab.port}`);
  if (!(await db.meta.findUnique({ where: { key: "demo" } }))) return;
  const password = labPassword();
  const cert = lab.addClient(LAB_DEMO_CLIENT, password);
  lab.addClient(LAB_OTHER_CLIENT, labPassword());
  seedLabDemo(lab.store, LAB_ZONES);
  const settings = {
    host: "127.0.0.1",
    port: lab.port,
    clientId: LAB_DEMO_CLIENT,
    password,
    clientCert: cert.cert,
    clientKey: cert.key,
    caCert: lab.pki.caCert,
    objURIs: [NS.host, NS.domain, NS.contact],
    extURIs: [],
    zones: LAB_ZONES,
  };
  const existing = (await registry.listConnections()).find((c) => c.name === LAB_CONNECTION_NAME);
  // The lab listens on a new port with a new password at every start: point the connection at it.
  const id = existing
    ? (await registry.updateConnection({ id: existing.id, ...settings })).after.id
    : (await registry.createConnection({ name: LAB_CONNECTION_NAME, poolSize: 2, ...settings })).id;
  await registry.reconnect(id);
  for (const d of LAB_DEMO_DOMAINS) await registry.lookupDomain(id, d);
}

/** The LAB registry in `<dataDir>/epp-lab` and the demo's connection to it. Returns the stop function. */
export async function startEppLab(services: Services, dataDir: string): Promise<() => Promise<void>> {
  let lab: LabEppServer | null = null;
  try {
    lab = await startLabEppServer({
      dataDir: path.join(dataDir, "epp-lab"),
      zones: LAB_ZONES,
      log: (line) => services.logger.debug({ lab: "epp" }, line),
    });
    await connectDemo(services, lab);
  } catch (err) {
    services.logger.error({ err }, "Registry demo (LAB EPP registry) could not start");
  }
  return async () => {
    await lab?.stop();
  };
}
