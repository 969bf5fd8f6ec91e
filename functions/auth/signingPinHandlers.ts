import { apiHandler } from '../http/apiHandler';
import { portalRecordsOf } from '../http/authenticate';
import { ok } from '../http/responses';
import { setSigningPin as setPin } from '../services/documents/signingPin';
import { portalPrincipal } from '../portal/principal';

/**
 * Setting the signing PIN checks the account password against Cognito, so it lives in
 * the auth Lambda, which has the Cognito client already (the portal bundle stays without it).
 */
export const setSigningPin = apiHandler('PUT /api/me/signing-pin', async ({ principal, input, event }) =>
  ok(await setPin(portalPrincipal(principal), portalRecordsOf(event), input.body, event)),
);
