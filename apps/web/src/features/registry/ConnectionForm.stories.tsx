import { registryConnectionFixture, scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, inScenario, withMsw } from "../../mocks/stories";
import { ConnectionEditForm, ConnectionForm } from "./ConnectionForm";
import { recordInputs } from "./recordInputs";

/** Editing a registry connection (admin): secrets are write-only, left empty they are kept. */
const meta = {
  title: "Components/Registry/ConnectionEditForm",
  component: ConnectionEditForm,
  args: { c: registryConnectionFixture() },
} satisfies Meta<typeof ConnectionEditForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "Password — leave empty to keep"),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    // The stored secrets are never in the form: only empty write-only fields.
    expect((c.getByLabelText("Password — leave empty to keep") as HTMLInputElement).value).toBe("");
    expect((c.getByLabelText("Client key (PEM) — leave empty to keep") as HTMLTextAreaElement).value).toBe(
      "",
    );
  },
};

const saving = recordInputs("registry.updateConnection");
/** Saving with the password left empty sends no password (nor key, certificate or CA): they are kept. */
export const EmptyPasswordKeepsIt: Story = {
  name: "Save with the password empty",
  beforeEach: () => {
    saving.inputs.length = 0;
  },
  parameters: {
    ...withMsw([saving.handler, ...scenarios.populated()]),
    ...expects("interaction", /SAVED_WITHOUT_PASSWORD/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const port = c.getByLabelText("Port");
    await userEvent.clear(port);
    await userEvent.type(port, "7000");
    await userEvent.click(c.getByRole("button", { name: "Save connection" }));
    await waitFor(() => expect(saving.inputs).toHaveLength(1));
    const input = saving.inputs[0] ?? {};
    expect(input.port).toBe(7000);
    expect(input).not.toHaveProperty("password");
    expect(input).not.toHaveProperty("clientKey");
    expect(input).not.toHaveProperty("clientCert");
    expect(input).not.toHaveProperty("caCert");
    expect(input).not.toHaveProperty("host");
    const done = document.createElement("span");
    done.textContent = "SAVED_WITHOUT_PASSWORD";
    canvasElement.appendChild(done);
  },
};

/** The server refuses (here: every call fails): its message is shown in the form. */
export const SaveFails: Story = {
  name: "Error (save refused)",
  parameters: inScenario("error", /Could not save the connection/),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole("button", { name: "Save connection" }));
    await c.findByRole("alert");
  },
};

/** The form for a new connection: every secret field is empty and write-only. */
export const NewConnection: Story = {
  render: () => <ConnectionForm />,
  parameters: inScenario("populated", "New registry connection"),
};
