import type { Principal } from '../http/types';
import type { PortalPrincipal } from '../services/documents/portalDocuments';

/** Portal routes admit only portal principals (the route table's `caller: 'portal'`); this narrows the type. */
export function portalPrincipal(principal: Principal): PortalPrincipal {
  if (principal.kind !== 'portal') throw new Error('portal route reached without a portal principal');
  return principal;
}
