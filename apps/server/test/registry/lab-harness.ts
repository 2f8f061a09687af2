/** A LAB EPP registry in a temp folder with two registrars, and client configs for the console's session code. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { registry } from "@netops/api";
import { NS } from "@netops/protocols/epp";
import { type LabEppOptions, type LabEppServer, startLabEppServer } from "@netops/labs/epp/server";

type EppTransaction = registry.EppTransaction;
type RegistryConfig = registry.RegistryConfig;

export const ME = "registrar-a";
export const OTHER = "registrar-b";
export const PW = { [ME]: "lab-pass-a-123", [OTHER]: "lab-pass-b-456" } as const;

export interface LabHarness {
  lab: LabEppServer;
  dir: string;
  logs: string[];
  transcript: EppTransaction[];
  config(clID?: typeof ME | typeof OTHER, over?: Partial<RegistryConfig>): RegistryConfig;
  sink: (t: EppTransaction) => void;
  restart(over?: Partial<LabEppOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startLab(over: Partial<LabEppOptions> = {}, dir?: string): Promise<LabHarness> {
  const folder = dir ?? mkdtempSync(path.join(tmpdir(), "netops-epp-lab-"));
  const logs: string[] = [];
  const transcript: EppTransaction[] = [];
  const start = () => startLabEppServer({ dataDir: folder, log: (l) => logs.push(l), ...over });
  const h: LabHarness = {
    lab: await start(),
    dir: folder,
    logs,
    transcript,
    sink: (t) => transcript.push(t),
    config(clID = ME, o = {}) {
      const c = h.lab.pki.client(clID);
      return {
        host: "127.0.0.1",
        port: h.lab.port,
        ca: h.lab.pki.caCert,
        cert: c.cert,
        key: c.key,
        clID,
        password: PW[clID],
        objURIs: [NS.host, NS.domain, NS.contact],
        extURIs: [],
        commandTimeoutMs: 10_000,
        ...o,
      };
    },
    async restart(o = {}) {
      await h.lab.stop();
      h.lab = await startLabEppServer({
        dataDir: folder,
        log: (l) => logs.push(l),
        ...over,
        ...o,
        port: h.lab.port,
      });
    },
    async close() {
      await h.lab.stop();
      if (!dir) rmSync(folder, { recursive: true, force: true });
    },
  };
  h.lab.addClient(ME, PW[ME]);
  h.lab.addClient(OTHER, PW[OTHER]);
  h.lab.store.insertContact(
    {
      id: "c-a",
      clID: ME,
      postal: [{ type: "int", name: "A Ops", street: ["1 St"], city: "X", cc: "ZZ" }],
      email: "a@a.example",
      authPw: "contact-auth-a",
    },
    new Date().toISOString(),
  );
  return h;
}
