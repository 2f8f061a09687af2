/** Story parameters the registry pages share. Mock data only. */
import { inScenario } from "../../mocks/stories";

// Every registry page loads the connections first, so with none configured, or none loadable, they all
// show the same message.
export const noConnection = () => inScenario("empty", "No registry connection is configured.");
export const connectionsError = () => inScenario("error", /Could not load the registry connections/);
