export { type RunningConsole, type StartOptions, startConsole } from "./app";
