/** The LAB registry's demo objects, read back through the console's session as the demo will. */
import { registry } from "@netops/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAB_DEMO_CLIENT, LAB_OTHER_CLIENT, seedLabDemo } from "@netops/labs/epp/demo";
import { type LabHarness, startLab } from "./lab-harness";

let h: LabHarness;
let s: registry.EppSession;
beforeAll(async () => {
  h = await startLab();
  h.lab.addClient(LAB_DEMO_CLIENT, "demo-pass-123");
  h.lab.addClient(LAB_OTHER_CLIENT, "other-pass-123");
  seedLabDemo(h.lab.store, ["example"]);
  seedLabDemo(h.lab.store, ["example"]); // a second start changes nothing
  const c = h.lab.pki.client(LAB_DEMO_CLIENT);
  s = await registry.EppSession.open(
    h.config(undefined, { clID: LAB_DEMO_CLIENT, password: "demo-pass-123", cert: c.cert, key: c.key }),
    h.sink,
  );
});
afterAll(async () => {
  await s?.logout();
  await h?.close();
});

describe("lab demo objects", () => {
  it("has in-bailiwick hosts with glue, linked from the demo domains", async () => {
    const r = await s.command({ cmd: "host:info", name: "ns1.netops-demo.example" });
    const d = r.response.resData[0];
    expect(d?.kind === "host:infData" && d.host).toMatchObject({
      clID: LAB_DEMO_CLIENT,
      addrs: [
        { ip: "v4", address: "192.0.2.53" },
        { ip: "v6", address: "2001:db8::53" },
      ],
      statuses: [{ s: "ok" }, { s: "linked" }],
    });
    expect((await s.command({ cmd: "host:delete", name: "ns1.netops-demo.example" })).code).toBe(2305);
  });

  it("queues the transfer away and a server message for the demo registrar", async () => {
    const first = await s.command({ cmd: "poll", op: "req" });
    expect(first.code).toBe(1301);
    expect(first.response.msgQ?.count).toBe(2);
    expect(first.response.msgQ?.msg).toBe(`Transfer of shop-demo.example requested by ${LAB_OTHER_CLIENT}`);
  });
});
