/**
 * Route matching: each route's `{param}` path compiled once to a pattern, matched on method and
 * raw path; path parameters come back decoded, as API Gateway passes them.
 */
import type { Route } from '../../../shared/routes';
import { decode } from './query';

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string> | undefined;
}

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly params: readonly string[];
}

const compile = (route: Route): CompiledRoute => {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        params.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, params, pattern: new RegExp(`^${source}$`) };
};

/** A matcher over `routes`; undefined when no route has this method and path (API Gateway's 404). */
export const createRouter = (routes: readonly Route[]) => {
  const compiled = routes.map(compile);
  return (method: string, rawPath: string): RouteMatch | undefined => {
    for (const { route, pattern, params } of compiled) {
      const found = route.method === method ? pattern.exec(rawPath) : null;
      if (!found) continue;
      const pathParameters =
        params.length === 0
          ? undefined
          : Object.fromEntries(params.map((name, i) => [name, decode(found[i + 1] ?? '')]));
      return { route, pathParameters };
    }
    return undefined;
  };
};
