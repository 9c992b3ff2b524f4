/** Finding and calling a route's handler the way Lambda does: loaded on first use, JSON in and out, with a deadline. */
import path from 'node:path';
import type { Context } from 'aws-lambda';
import type { Route } from '../../../shared/routes';
import { lambdaContext, withTimeout } from './lambda-context';

// Each handler takes its own event type; the server only passes what it built.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaHandler = (event: any, context: Context) => unknown;

/** Handlers by route: injected ones (tests) first, else the route's entry file relative to `rootDir`. */
export const createHandlerLoader = (
  rootDir: string,
  injected: Readonly<Record<string, LambdaHandler>> | undefined,
): ((route: Route) => Promise<LambdaHandler>) => {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  return (route) => {
    const given = injected?.[route.name];
    if (given) return Promise.resolve(given);
    let handler = loaded.get(route.name);
    if (!handler) {
      // Lazy, like a cold start: a broken handler file fails its own route, not the whole server.
      handler = import(path.resolve(rootDir, route.entry)).then(
        (module: { handler?: unknown; default?: { handler?: unknown } }) => {
          const exported = module.handler ?? module.default?.handler;
          if (typeof exported !== 'function') throw new Error(`${route.entry} does not export a handler`);
          return exported as LambdaHandler;
        },
      );
      handler.catch(() => loaded.delete(route.name));
      loaded.set(route.name, handler);
    }
    return handler;
  };
};

/** Calls the handler under the integration timeout; throws GatewayTimeout when it runs out. */
export const invoke = async (handler: LambdaHandler, event: unknown, route: Route, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  const result = await withTimeout(
    Promise.resolve().then(() => handler(event, lambdaContext(route, deadline))),
    timeoutMs,
  );
  // The result crosses Lambda as JSON: Dates become strings and undefined members vanish, as deployed.
  return JSON.parse(JSON.stringify(result ?? null)) as unknown;
};
