import type { Template } from 'aws-cdk-lib/assertions';

/** Sorted `RouteKey`s (`GET /api/health`) of the HTTP API routes in a synthesized template. */
export function synthesizedRouteKeys(template: Template): string[] {
  const routes = template.findResources('AWS::ApiGatewayV2::Route') as Record<string, { Properties: { RouteKey: string } }>;
  return Object.values(routes)
    .map((r) => r.Properties.RouteKey)
    .sort();
}
