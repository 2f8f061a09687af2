/**
 * Users and API tokens pages against the mock API (MSW in jsdom): a role change and a password
 * reset ask whether to revoke the user's API tokens too, and admins see and revoke every token.
 */
import { createMockApi, type MockApi, populatedState } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { AccountPage } from "./AccountPage";
import { TokensPage } from "./TokensPage";
import { UsersPage } from "./UsersPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderAs(userId: string, page: ReactElement): MockApi {
  const api = createMockApi({ state: populatedState(userId) });
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter>{page}</MemoryRouter>
    </StoryProviders>,
  );
  return api;
}

/** Pastes instead of typing key by key: the same events a form sees, far fewer of them. */
const enter = async (input: HTMLElement, value: string) => {
  await userEvent.clear(input);
  await userEvent.click(input);
  await userEvent.paste(value);
};
const operatorToken = (api: MockApi) => api.state.tokens.find((t) => t.userId === "mock-user-operator");
const userRow = async (name: string) => {
  const cell = await screen.findByRole("cell", { name: new RegExp(`^${name}`) });
  return cell.closest("tr") as HTMLElement;
};

describe("a role change asks first", () => {
  it("changes nothing until confirmed, and Cancel keeps the role", async () => {
    const api = renderAs("mock-user-admin", <UsersPage />);
    const row = await userRow("operator");
    await userEvent.selectOptions(within(row).getByLabelText("Role of operator"), "viewer");
    const ask = within(row).getByRole("group", { name: "Make operator viewer? Their sessions end now." });
    expect(
      within(ask).getByRole("checkbox", { name: "Also revoke the API tokens of operator" }),
    ).not.toBeChecked();
    expect(api.state.users.find((u) => u.username === "operator")?.role).toBe("operator");
    await userEvent.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(within(row).queryByRole("group")).toBeNull();
    expect(within(row).getByLabelText("Role of operator")).toHaveValue("operator");
  });

  it("with the box ticked, the new role comes with the user's tokens revoked", async () => {
    const api = renderAs("mock-user-admin", <UsersPage />);
    const row = await userRow("operator");
    await userEvent.selectOptions(within(row).getByLabelText("Role of operator"), "viewer");
    await userEvent.click(
      within(row).getByRole("checkbox", { name: "Also revoke the API tokens of operator" }),
    );
    await userEvent.click(within(row).getByRole("button", { name: "Change role" }));
    expect(
      await screen.findByText("operator is now viewer; 0 sessions ended, 1 API token revoked."),
    ).toBeVisible();
    expect(api.state.users.find((u) => u.username === "operator")?.role).toBe("viewer");
    expect(operatorToken(api)?.revokedAt).not.toBeNull();
  });

  it("with the box left empty, the tokens stay", async () => {
    const api = renderAs("mock-user-admin", <UsersPage />);
    const row = await userRow("operator");
    await userEvent.selectOptions(within(row).getByLabelText("Role of operator"), "admin");
    await userEvent.click(within(row).getByRole("button", { name: "Change role" }));
    expect(await screen.findByText("operator is now admin; 0 sessions ended.")).toBeVisible();
    expect(operatorToken(api)?.revokedAt).toBeNull();
  });
});

describe("a password reset", () => {
  it("asks about the tokens, refuses a common password with the server's reason, then resets", async () => {
    const api = renderAs("mock-user-admin", <UsersPage />);
    const row = await userRow("operator");
    await userEvent.click(within(row).getByRole("button", { name: "Reset password of operator" }));
    const form = within(row).getByRole("form", { name: "Reset password of operator" });
    const revoke = within(form).getByRole("checkbox", { name: "Also revoke the API tokens of operator" });
    expect(revoke).not.toBeChecked();
    await enter(within(form).getByLabelText("New password for operator"), "password1234");
    await userEvent.click(within(form).getByRole("button", { name: "Set" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "password: this password is in the list of the 49,233 most common passwords",
    );
    await enter(within(form).getByLabelText("New password for operator"), "tall-ferns-by-the-river");
    await userEvent.click(revoke);
    await userEvent.click(within(form).getByRole("button", { name: "Set" }));
    expect(
      await screen.findByText("Password of operator reset; 0 sessions ended, 1 API token revoked."),
    ).toBeVisible();
    expect(api.state.users.find((u) => u.username === "operator")?.password).toBe("tall-ferns-by-the-river");
    expect(operatorToken(api)?.revokedAt).not.toBeNull();
  });

  it("refuses the username in the browser before sending", async () => {
    const api = renderAs("mock-user-admin", <UsersPage />);
    const row = await userRow("viewer");
    await userEvent.click(within(row).getByRole("button", { name: "Reset password of viewer" }));
    const form = within(row).getByRole("form", { name: "Reset password of viewer" });
    await enter(within(form).getByLabelText("New password for viewer"), "Viewer-2024!!");
    await userEvent.click(within(form).getByRole("button", { name: "Set" }));
    expect(within(form).getByRole("alert")).toHaveTextContent(
      "New password: this password is the username with only digits or symbols added",
    );
    expect(api.state.audit.some((a) => a.action === "users.resetPassword")).toBe(false);
  });
});

describe("every user's tokens", () => {
  it("an admin sees them with their owners and revokes one after confirming", async () => {
    const api = renderAs("mock-user-admin", <TokensPage />);
    const table = within(await screen.findByRole("region", { name: "All users’ tokens" }));
    const row = (await table.findByRole("cell", { name: "example-monitoring" })).closest("tr") as HTMLElement;
    expect(row).toHaveTextContent("operator");
    await userEvent.click(
      within(row).getByRole("button", { name: "Revoke token example-monitoring of operator" }),
    );
    expect(within(row).getByText(/Revoke “example-monitoring” of operator\?/)).toBeVisible();
    expect(operatorToken(api)?.revokedAt).toBeNull();
    await userEvent.click(within(row).getByRole("button", { name: "Yes" }));
    expect(await within(row).findByText("revoked", { selector: ".chip" })).toBeVisible();
    expect(operatorToken(api)?.revokedAt).not.toBeNull();
  });

  it("an operator sees only their own tokens", async () => {
    renderAs("mock-user-operator", <TokensPage />);
    expect(await screen.findByRole("cell", { name: "example-monitoring" })).toBeVisible();
    expect(screen.queryByRole("region", { name: "All users’ tokens" })).toBeNull();
  });
});

describe("changing your own password", () => {
  const fill = async (current: string, next: string) => {
    const form = within(await screen.findByRole("form", { name: "Change password" }));
    for (const [label, value] of [
      ["Current password", current],
      ["New password", next],
      ["New password again", next],
    ] as const)
      await enter(form.getByLabelText(label), value);
    await userEvent.click(form.getByRole("button", { name: "Change password" }));
    return form;
  };

  it("refuses the username in the browser, a common password with the server's reason, then changes it", async () => {
    const api = renderAs("mock-user-operator", <AccountPage />);
    const form = await fill("mock-password-123", "operator123456");
    expect(form.getByRole("alert")).toHaveTextContent(
      "New password: this password is the username with only digits or symbols added",
    );
    await fill("mock-password-123", "qwertyuiop123");
    expect(await form.findByRole("alert")).toHaveTextContent(
      "next: this password is in the list of the 49,233 most common passwords",
    );
    await fill("mock-password-123", "tall-ferns-by-the-river");
    expect(await form.findByText("Password changed. Your other sessions have ended.")).toBeVisible();
    expect(api.state.users.find((u) => u.username === "operator")?.password).toBe("tall-ferns-by-the-river");
  });
});
