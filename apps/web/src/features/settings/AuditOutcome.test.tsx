/**
 * The audit page shows the answer of the system a change was sent to: a host delete the registry
 * refused (2305) is failed with the code and the registry's text, and its details say nothing
 * changed instead of listing every host field as removed.
 */
import { auditFixture, createMockApi, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { AuditPage } from "./AuditPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TEXT =
  "Object association prohibits operation: ns1.netops-demo.example is a name server of shop-demo.example";

function renderAudit() {
  const api = createMockApi({ state: populatedState("mock-user-admin") });
  api.state.audit.unshift(
    auditFixture({
      id: 900,
      action: "registry.deleteHost",
      target: "ns1.netops-demo.example",
      ok: false,
      before: null,
      after: JSON.stringify({ transaction: { clTRID: "NETOPS-1", svTRID: "LAB-9" } }),
      result: { code: 2305, text: TEXT },
    }),
    auditFixture({
      id: 901,
      action: "registry.createHost",
      target: "ns3.netops-demo.example",
      ok: true,
      before: null,
      after: JSON.stringify({ host: { name: "ns3.netops-demo.example" } }),
      result: { code: 1000, text: "Command completed successfully" },
    }),
  );
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={["/settings/audit"]}>
        <AuditPage />
      </MemoryRouter>
    </StoryProviders>,
  );
}

const rowOf = async (target: string) =>
  (await screen.findByRole("cell", { name: target })).closest("tr") as HTMLElement;

describe("audit entries of changes made elsewhere", { timeout: 20_000 }, () => {
  it("shows a refused change as failed with the registry's code and text, and no diff", async () => {
    renderAudit();
    const row = await rowOf("ns1.netops-demo.example");
    expect(within(row).getByText("failed")).toBeInTheDocument();
    expect(within(row).getByText("2305")).toBeInTheDocument();
    expect(within(row).getByText(TEXT)).toBeInTheDocument();
    await userEvent.click(within(row).getByRole("button", { name: "Show details" }));
    const details = document.getElementById("audit-diff-900") as HTMLElement;
    expect(within(details).getByText("Nothing changed.")).toBeInTheDocument();
    expect(within(details).queryByRole("columnheader", { name: "Before" })).toBeNull();
    expect(within(details).getByText("transaction.svTRID")).toBeInTheDocument();
  });

  it("shows a carried-out change as ok with its code, and its changes as a diff", async () => {
    renderAudit();
    const row = await rowOf("ns3.netops-demo.example");
    expect(within(row).getByText("ok")).toBeInTheDocument();
    expect(within(row).getByText("1000")).toBeInTheDocument();
    await userEvent.click(within(row).getByRole("button", { name: "Show changes" }));
    const diff = document.getElementById("audit-diff-901") as HTMLElement;
    expect(within(diff).getByRole("columnheader", { name: "Before" })).toBeInTheDocument();
  });
});
