export const root: string;
export const pgSchemaDir: string;
export const placeholderPgUrl: string;
export function writePgSchema(dir?: string): string;
export function generatePgClient(): void;
