import { lambdaEntry } from '../http/lambdaEntry';
import operations from '../operations/handlers/public';
import customers from '../customers/handlers/public';

/** Health and the public branding of a tenant's portal. */
export const handler = lambdaEntry('public', {
  operations,
  customers,
});
