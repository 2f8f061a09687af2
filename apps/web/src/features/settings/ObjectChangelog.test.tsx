/** An object's change log: the audit entries whose target is the object, for admins only. */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { ObjectChangelog } from "./ObjectChangelog";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAs(userId: string, target: string) {
  const api = createMockApi({ state: populatedState(userId) });
  server.use(...api.handlers);
  return render(
    <StoryProviders>
      <MemoryRouter>
        <ObjectChangelog target={target} />
      </MemoryRouter>
    </StoryProviders>,
  );
}

describe("<ObjectChangelog>", () => {
  it("lists the changes to this object only, and links to the audit log filtered by it", async () => {
    renderAs("mock-user-admin", "alert 3");
    const table = await screen.findByRole("table", { name: "Change log of alert 3" });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(within(table).getByText("alerts.acknowledge")).toBeInTheDocument();
    expect(within(table).getByText("operator")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "In the audit log" })).toHaveAttribute(
      "href",
      "/settings/audit?target=alert%203",
    );
  });

  it("says when nothing was changed", async () => {
    renderAs("mock-user-admin", "alert 999");
    expect(await screen.findByText("No recorded changes to this object.")).toBeInTheDocument();
  });

  it("is left out for roles that may not read the audit trail", () => {
    const { container } = renderAs("mock-user-viewer", "alert 3");
    expect(container).toBeEmptyDOMElement();
  });
});
