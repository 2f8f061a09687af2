/** The RSerPool page against the mock API: registrars with checksum agreement, pools, a PE's history, the takeover timeline. */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { RserpoolPage } from "./RserpoolPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAt(url: string, role: "mock-user-viewer" | "mock-user-operator" = "mock-user-viewer") {
  const api = createMockApi({ state: populatedState(role) });
  server.use(...api.handlers);
  return render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <RserpoolPage />
      </MemoryRouter>
    </StoryProviders>,
  );
}

describe("RSerPool page", () => {
  it("shows registrars with their checksum agreement and the takeover", async () => {
    renderAt("/rserpool");
    const table = (await screen.findByRole("heading", { name: "Registrars" }, { timeout: 5000 })).closest(
      "section",
    ) as HTMLElement;
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(within(rows[1] as HTMLElement).getByText("taken-over")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("0x0000ccc3")).toBeInTheDocument();
    expect(
      within(rows[2] as HTMLElement).getByText(/^disagrees: expected 0x[0-9a-f]{4}$/),
    ).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText("agrees")).toBeInTheDocument();
    expect(await screen.findByText(/0x0000aaa1 taken over by 0x0000ccc3 \(2 PEs\)/)).toBeInTheDocument();
  }, 20_000);

  it("lists pools with policy, PEs with home, address link and load; flags a pool below its minimum", async () => {
    renderAt("/rserpool");
    const echo = (await screen.findByRole("heading", { name: /Example-EchoPool/ })).closest(
      "div",
    ) as HTMLElement;
    expect(within(echo).getByText("Round Robin (RR)")).toBeInTheDocument();
    expect(within(echo).getAllByText("0x0000ccc3")).toHaveLength(2);
    expect(within(echo).getByRole("link", { name: "192.0.2.11" })).toHaveAttribute("href", "/ip/192.0.2.11");
    const discard = screen
      .getByRole("heading", { name: /Example-DiscardPool/ })
      .closest("div") as HTMLElement;
    expect(within(discard).getByText("50.00 %")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /Example-EmptyPool/ })).toHaveTextContent("0 registered");
  });

  it("opens a PE's history from the URL", async () => {
    renderAt("/rserpool?pool=Example-DiscardPool&pe=0x000e0003");
    const h = (await screen.findByRole("heading", { name: /History of 0x000e0003/ })).closest(
      "section",
    ) as HTMLElement;
    expect(await within(h).findByText(/load 25\.00% -> 50\.00%/)).toBeInTheDocument();
    expect(within(h).getByText(/reported unreachable by 192\.0\.2\.50/)).toBeInTheDocument();
  });

  it("offers the capture upload to operators only", async () => {
    const { unmount } = renderAt("/rserpool");
    await screen.findByRole("heading", { name: "Registrars" });
    expect(screen.queryByLabelText("Capture file")).toBeNull();
    unmount();
    renderAt("/rserpool", "mock-user-operator");
    expect(await screen.findByLabelText("Capture file")).toBeInTheDocument();
  });
});
