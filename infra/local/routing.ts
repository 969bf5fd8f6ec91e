import { routes, routeKey, type RouteDefinition } from '../../functions/routes';

/** A route matcher compiled from the route table, with API Gateway's `{param}` syntax. */
interface CompiledRoute {
  route: RouteDefinition;
  key: string;
  pattern: RegExp;
  params: string[];
}

const compiled: CompiledRoute[] = routes.map((route) => {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, key: routeKey(route), pattern: new RegExp(`^${source}$`), params };
});

// Like API Gateway, a literal segment wins over a parameter: try routes with fewer params first.
compiled.sort((a, b) => a.params.length - b.params.length);

export interface RouteMatch {
  route: RouteDefinition;
  key: string;
  pathParameters?: Record<string, string>;
}

/** A path's percent-decoding, or undefined when it is malformed (`%`, `%ZZ`, a broken UTF-8 sequence). */
export function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** Matches a path the gateway has checked decodes (`decodedPath`): its parameters are decoded, as API Gateway's are. */
export function matchRoute(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
  let pathMatched = false;
  for (const entry of compiled) {
    const match = entry.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (entry.route.method !== method) continue;
    const pathParameters = entry.params.length ? Object.fromEntries(entry.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) : undefined;
    return { route: entry.route, key: entry.key, pathParameters };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

/** The route keys the local gateway serves, sorted: compared with the CDK template in a test. */
export function localRouteKeys(): string[] {
  return compiled.map((c) => c.key).sort();
}
