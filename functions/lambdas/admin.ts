import { lambdaEntry } from '../http/lambdaEntry';
import customers from '../customers/handlers/admin';
import identity from '../identity/handlers/admin';
import documents from '../documents/handlers/admin';
import notify from '../notify/handlers/admin';
import audit from '../audit/handlers/admin';
import * as commerce from '../commerce/handlers/admin';

/** Staff and the CRM: customers, invitations and API keys, documents, notification settings, the audit trail. */
export const handler = lambdaEntry('admin', {
  customers,
  identity,
  documents,
  notify,
  audit,
  commerce,
});
