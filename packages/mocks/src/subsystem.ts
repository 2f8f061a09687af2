/**
 * What one subsystem's mock file gives the mock API (`export const mockSubsystem`): resolvers for
 * every procedure of its router, and its overview tile as the server's probe words it.
 */
import type { AppRouter } from "@netops/api";
import type { Health } from "@netops/protocols";
import type { MockBackend } from "./backend";
import type { MockApiOptions } from "./handlers";
import type { TrpcResolvers } from "./trpc-msw";

export interface MockSubsystemContext {
  b: MockBackend;
  /** The empty scenario: no fixtures. */
  empty: boolean;
  options: MockApiOptions;
}

type Resolvers = TrpcResolvers<AppRouter>;

export type MockSubsystem<Id extends string> = (ctx: MockSubsystemContext) => {
  /** One resolver per procedure of the subsystem's router (the compiler checks they are all there). */
  resolvers: Pick<Resolvers, Extract<keyof Resolvers, `${Id}.${string}`>>;
  tile: () => { health: Health; summary: string };
};
