import { roomHandlers } from '../../core/handlers';
import { accepted, ok, textFile } from '../../core/replies';
import { getDashboard } from '../dashboard';
import { exportDocuments } from '../exports/documentExport';
import { acceptQuote, approveArtwork, rejectQuote, requestArtworkChanges } from '../decisions';
import { getDocument, listDocuments } from '../portalDocuments';
import { acknowledgePurchaseOrder, proposeDeliveryDates } from '../purchaseOrders/supplierActions';
import { evidenceFileName, signatureEvidence, signOrder } from '../signing/signing';
import { getVersion, listVersions, portalSide, versionChanges } from '../versions/documentVersions';
import { portalStatement } from '../statements/statements';
import { startZip } from '../zips/documentZips';

/** The customer's documents: the dashboard, lists, a document, decisions and e-signing. */
export default roomHandlers('documents', 'portal', {
  getDashboard: async ({ caller }) => ok(await getDashboard(caller)),
  listDocuments: async ({ caller, input }) => ok(await listDocuments(caller, input.path.type, input.query)),
  getDocument: async ({ caller, input }) => ok(await getDocument(caller, input.path.type, input.path.documentId)),
  listVersions: async ({ caller, input }) => ok(await listVersions(portalSide(caller), input.path.type, input.path.documentId, input.query)),
  getVersion: async ({ caller, input }) => ok(await getVersion(portalSide(caller), input.path.type, input.path.documentId, input.path.version)),
  getVersionChanges: async ({ caller, input }) =>
    ok(await versionChanges(portalSide(caller), input.path.type, input.path.documentId, input.path.version, input.query.since)),
  getStatement: async ({ caller, input }) => ok(await portalStatement(caller, input.query)),
  /** The list as a CSV file, with its filters. */
  async exportDocuments({ caller, input }) {
    const { fileName, csv } = await exportDocuments(caller, input.path.type, input.query);
    return textFile(csv, 'text/csv; charset=utf-8', fileName);
  },
  /** Selected documents' PDFs as one ZIP: the job starts (or, for the same selection a moment ago, is the same job). */
  startDocumentZip: async ({ caller, input }) => accepted(await startZip(caller, input.path.type, input.body.documentIds)),

  acceptQuote: async ({ caller, input }) => ok(await acceptQuote(caller, input.path.documentId, input.body)),
  rejectQuote: async ({ caller, input }) => ok(await rejectQuote(caller, input.path.documentId, input.body)),
  approveArtwork: async ({ caller, input }) => ok(await approveArtwork(caller, input.path.documentId, input.body)),
  requestArtworkChanges: async ({ caller, input }) => ok(await requestArtworkChanges(caller, input.path.documentId, input.body)),

  acknowledgePurchaseOrder: async ({ caller, input }) => ok(await acknowledgePurchaseOrder(caller, input.path.documentId)),
  proposeDeliveryDates: async ({ caller, input }) => ok(await proposeDeliveryDates(caller, input.path.documentId, input.body)),

  signOrder: async ({ caller, input }) => ok(await signOrder(caller, input.path.documentId, input.body)),
  /** The evidence record as a JSON download. */
  async getSignatureEvidence({ caller, input }) {
    const evidence = await signatureEvidence(caller, input.path.documentId);
    return ok(evidence, { 'content-disposition': `attachment; filename="${evidenceFileName(evidence)}"` });
  },
});
