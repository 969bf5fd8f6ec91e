import { roomHandlers } from '../../core/handlers';
import { created, ok } from '../../core/replies';
import { createDirectLink, listDirectLinks, revokeContactDirectLinks, revokeDirectLink } from '../directLinks/directLinks';
import { adminDocument } from '../documentAccess';
import { toStaffView } from '../documentViews';
import { publishDocument, withdrawDocument } from '../publishing';
import { evidenceFileName, signatureEvidenceForStaff } from '../signing/signing';
import { adminSide, getVersion, listVersions, versionChanges } from '../versions/documentVersions';
import { adminStatement } from '../statements/statements';
import { listDocumentViews } from '../viewLog/viewLog';

/** Documents from the CRM (or staff): publish by the CRM's id, read back, withdraw, signature evidence, direct links. */
export default roomHandlers('documents', 'admin', {
  async publishDocument({ caller, input }) {
    const { type, documentId } = input.path;
    const { outcome, document } = await publishDocument(caller, type, documentId, input.body);
    const body = { outcome, document: toStaffView(document) };
    return outcome === 'created' ? created(body, { location: `/api/admin/documents/${type}/${documentId}` }) : ok(body);
  },
  getDocumentAdmin: async ({ caller, input }) => ok(toStaffView(await adminDocument(caller.tenantId, input.path.type, input.path.documentId))),
  listVersionsAdmin: async ({ caller, input }) => ok(await listVersions(adminSide(caller), input.path.type, input.path.documentId, input.query)),
  getVersionAdmin: async ({ caller, input }) => ok(await getVersion(adminSide(caller), input.path.type, input.path.documentId, input.path.version)),
  getVersionChangesAdmin: async ({ caller, input }) =>
    ok(await versionChanges(adminSide(caller), input.path.type, input.path.documentId, input.path.version, input.query.since)),
  getCompanyStatement: async ({ caller, input }) => ok(await adminStatement(caller.tenantId, input.path.companyId, input.query)),
  listDocumentViews: async ({ caller, input }) => ok(await listDocumentViews(caller.tenantId, input.path.type, input.path.documentId, input.query)),
  withdrawDocument: async ({ caller, input }) => ok(toStaffView(await withdrawDocument(caller, input.path.type, input.path.documentId))),

  /** The order's signature evidence, with every voided signature, as a JSON download. */
  async getSignatureEvidenceAdmin({ caller, input }) {
    const body = await signatureEvidenceForStaff(caller.tenantId, input.path.documentId);
    return ok(body, { 'content-disposition': `attachment; filename="${evidenceFileName(body.evidence)}"` });
  },

  createDirectLink: async ({ caller, input }) => created(await createDirectLink(caller, input.path.type, input.path.documentId, input.body)),
  listDirectLinks: async ({ caller, input }) => ok(await listDirectLinks(caller, input.path.type, input.path.documentId)),
  revokeDirectLink: async ({ caller, input }) => ok(await revokeDirectLink(caller, input.path.linkId)),
  revokeContactDirectLinks: async ({ caller, input }) => ok(await revokeContactDirectLinks(caller, input.path.contactId)),
});
