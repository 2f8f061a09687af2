/**
 * Runs the LAB EPP registry for development:
 *   node --import tsx packages/labs/src/epp/main.ts --port 7700 --data /tmp/lab-epp [--demo]
 * Prints where the CA and the demo client's certificate are, and the demo password.
 */
import { parseArgs } from "node:util";
import { LAB_DEMO_CLIENT, LAB_OTHER_CLIENT, seedLabDemo } from "./demo";
import { startLabEppServer } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "7700" },
    data: { type: "string" },
    password: { type: "string", default: "lab-password-1" },
    "no-demo": { type: "boolean", default: false },
  },
});
const port = Number(values.port);
if (!values.data || !Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write("usage: main.ts --port N --data DIR [--password PW] [--no-demo]\n");
  process.exit(2);
}
const lab = await startLabEppServer({
  dataDir: values.data,
  port,
  log: (l) => process.stdout.write(`${new Date().toISOString()} ${l}\n`),
});
const cert = lab.addClient(LAB_DEMO_CLIENT, values.password);
lab.addClient(LAB_OTHER_CLIENT, `${values.password}-other`);
if (!values["no-demo"]) seedLabDemo(lab.store, ["example"]);
process.stdout.write(
  [
    `LAB EPP registry (not a real registry) on 127.0.0.1:${lab.port}`,
    `  CA:          ${lab.pki.caFile}`,
    `  client id:   ${LAB_DEMO_CLIENT} (password given with --password, default lab-password-1)`,
    `  client cert: ${cert.certFile}`,
    `  client key:  ${cert.keyFile}`,
    "",
  ].join("\n"),
);
const stop = () => void lab.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
