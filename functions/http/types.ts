import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '../routes';
import type { Tenant } from '../repositories/tenantRepository';
import type { Permission } from '../../shared/permissions';
import type { DocumentType } from '../../shared/api/documents';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

/** Who is calling, established by the auth middleware from a verified credential only. */
export type Principal =
  | { kind: 'anonymous' }
  /** A portal user: one tenant, one company (from their records, never from the request); effective permissions. */
  | {
      kind: 'portal';
      tenantId: string;
      /** The contact's id (a portal user's id is their contact's). */
      userId: string;
      username: string;
      companyId: string;
      permissions: Permission[];
      /** Set for a direct-link visitor: the one document the link opens, which is all they may reach. */
      link?: { linkId: string; type: DocumentType; documentId: string; expiresAt: string };
    }
  | { kind: 'staff'; tenantId: string; userId: string; username: string; groups: string[] }
  | { kind: 'api-key'; tenantId: string; keyId: string; scopes: string[] };

/** What the middlewares hand the route's function. */
export interface RequestContext<P = unknown, Q = unknown, B = unknown> {
  route: RouteDefinition;
  event: ApiEvent;
  requestId: string;
  /** The tenant the Host header names, when it names one. */
  hostTenant?: Tenant;
  principal: Principal;
  input: { path: P; query: Q; body: B };
  /** Webhook routes only: the body's exact bytes (their signature covers them); other routes get it parsed in `input.body`. */
  rawBody?: Buffer;
}
