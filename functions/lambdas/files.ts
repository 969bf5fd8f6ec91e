import { lambdaEntry } from '../http/lambdaEntry';
import documents from '../documents/handlers/files';
import * as commerce from '../commerce/handlers/files';

/** Everything that touches the files bucket: document PDFs, uploads, attachments and message threads. */
export const handler = lambdaEntry('files', {
  documents,
  commerce,
});
