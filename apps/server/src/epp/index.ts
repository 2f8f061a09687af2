/**
 * Registry (EPP) in the server: the job that keeps sessions up and reads the poll queues, the
 * `registry` health tile, and in demo mode the LAB registry on loopback with its demo objects and
 * a console connection to it (credentials sealed like any other connection).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ServiceOptions, Services } from "@netops/api";
import type { Config } from "@netops/config";
import { NS } from "@netops/protocols/epp";
import type { JobSpec } from "../jobs";
import { LAB_DEMO_CLIENT, LAB_OTHER_CLIENT, seedLabDemo } from "./lab/demo";
import { type LabEppServer, startLabEppServer } from "./lab/server";

export const LAB_CONNECTION_NAME = "lab-registry";
const LAB_ZONES = ["example"];
/** Demo domains read once at start so the host table shows which domains link which hosts. */
const LAB_DEMO_DOMAINS = ["netops-demo.example", "shop-demo.example", "other-customer.example"];

/** netops.yaml `epp:` → the registry service's timings and transcript retention. */
export function eppServiceOptions(c: Config["epp"]): NonNullable<ServiceOptions["registry"]> {
  return {
    commandTimeoutMs: c.commandTimeoutSeconds * 1000,
    keepaliveMs: c.keepaliveSeconds * 1000,
    hostMaxAgeMs: c.hostRefreshMinutes * 60_000,
    transcriptDays: c.transcriptDays,
    transcriptMaxRows: c.transcriptMaxRows,
    allowedServers: c.allowedServers,
  };
}

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

export async function startEpp(
  services: Services,
  opts: { demo: boolean; dataDir: string; intervalMs: number },
): Promise<{ jobs: JobSpec[]; stop(): Promise<void> }> {
  services.health.register("registry", () => services.registry.probe());
  let lab: LabEppServer | null = null;
  if (opts.demo) {
    try {
      lab = await startLabEppServer({
        dataDir: path.join(opts.dataDir, "epp-lab"),
        zones: LAB_ZONES,
        log: (line) => services.logger.debug({ lab: "epp" }, line),
      });
      await connectDemo(services, lab);
    } catch (err) {
      services.logger.error({ err }, "Registry demo (LAB EPP registry) could not start");
    }
  }
  return {
    jobs: [{ name: "registry-epp", everyMs: opts.intervalMs, run: () => services.registry.runJob() }],
    async stop() {
      await services.registry.close();
      await lab?.stop();
    },
  };
}
