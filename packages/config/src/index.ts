export { ConfigError, type LoadedConfig, type LoadOptions, loadConfig, parseConfigText } from "./load";
export { type Config, configSchema, ENV_KEYS } from "./schema";
export { loadSecretKey } from "./secret-key";
