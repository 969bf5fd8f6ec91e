import { lambdaEntry } from '../http/lambdaEntry';
import customers from '../customers/handlers/portal';
import documents from '../documents/handlers/portal';
import * as commerce from '../commerce/handlers/portal';

/** The signed-in portal: my details, the dashboard, documents and decisions on them. */
export const handler = lambdaEntry('portal', {
  customers,
  documents,
  commerce,
});
