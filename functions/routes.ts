import type { ZodMiniType } from 'zod/mini';
import { LIMITS } from '../shared/limits';
import type { Permission } from '../shared/permissions';
import type { StaffGroup } from './identity/staffGroups';
import * as api from '../shared/api/access';
import type { ApiKeyScope, InvitationInfo, MeResponse, ResetRequested, SessionResponse } from '../shared/api/access';
import * as docs from '../shared/api/documents';
import type {
  DashboardView,
  DirectLinkSession,
  DocumentPage,
  DocumentView,
  DocumentPdfReply,
  DownloadLink,
  MessageThread,
  MessageView,
  SignatureEvidence,
  SigningPinSet,
  UploadTicket,
} from '../shared/api/documents';
import * as po from '../shared/api/purchaseOrders';
import * as versions from '../shared/api/documentVersions';
import type { DocumentVersionPage, DocumentVersionView, VersionComparison } from '../shared/api/documentVersions';
import * as exportApi from '../shared/api/documentExports';
import * as zipApi from '../shared/api/documentZips';
import type { DocumentZipProgress } from '../shared/api/documentZips';
import * as viewLog from '../shared/api/documentViewLog';
import type { DocumentViewLogPage } from '../shared/api/documentViewLog';
import * as pay from '../shared/api/payments';
import type { InvoicePayments, PaymentSettingsView, StartedPayment } from '../shared/api/payments';
import type { PublicTenant } from '../shared/tenant';
import * as st from '../shared/api/statements';
import type { StatementPdfReply, StatementView } from '../shared/api/statements';
import * as rq from '../shared/api/commerceRequests';
import type { AdminRequestPage, AdminRequestView, RequestPage, RequestView } from '../shared/api/commerceRequests';

/**
 * The route table: the one contract both runtimes are built from. Each row says who may
 * call a route, with which permission and input, which domain room answers it and which
 * Lambda serves it. The CDK api stack makes one Lambda per `lambda` (entry
 * `functions/lambdas/<lambda>.ts`) and one HTTP API route per row; the local gateway serves
 * the same rows through the same entries. The handler is the export named `handler` of
 * `functions/<room>/handlers/<lambda>.ts`, a plain function of the caller and the parsed
 * input (the HTTP adapter in functions/http does the rest). Adding a route is one row here
 * plus that function.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route; the HTTP adapter establishes the caller and enforces it. */
export type CallerKind = 'public' | 'portal' | 'staff' | 'api-key' | 'staff-or-api-key' | 'webhook';

/** The API's Lambdas: what each bundles follows from what its routes' handlers import. */
export const API_LAMBDAS = ['public', 'auth', 'portal', 'admin', 'files', 'payments'] as const;
export type ApiLambda = (typeof API_LAMBDAS)[number];

/** The domain rooms that answer routes (functions/<room>/). */
export const ROOMS = ['operations', 'identity', 'customers', 'audit', 'documents', 'payments', 'notify', 'commerce'] as const;
export type Room = (typeof ROOMS)[number];

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/admin/contacts/{contactId}`. */
  path: string;
  caller: CallerKind;
  /** Required permission for portal callers. */
  permission?: Permission;
  /**
   * The staff role a staff caller needs (the staff pool's group, from the ID token's
   * `cognito:groups`): `tenant-admin` for the tenant's configuration (settings, branding,
   * payment settings, API keys, teams' permissions, notification rules, the tenant's own
   * audit trail), `tenant-staff` for day-to-day work, which a tenant admin may do too.
   * Stated on every row a staff member may call (`test/unit/routeTable`).
   */
  role?: StaffGroup;
  /** The scope an API key needs (or `admin`, every scope); stated on every row a key may call. */
  scope?: ApiKeyScope;
  /**
   * Routes with a `{type}` path parameter: the caller must also hold the permission to
   * read that document type (`quotes:read` for `quote`, …), checked once the path is parsed.
   */
  readsDocumentType?: true;
  /**
   * Portal routes a direct-link visitor may use too, on the one document of their link
   * only (`{type}`/`{documentId}` must name it); every other route refuses them.
   */
  directLink?: true;
  /** The domain room whose handler answers. */
  room: Room;
  /** The Lambda that serves it. */
  lambda: ApiLambda;
  /** The handler's name in `functions/<room>/handlers/<lambda>.ts`. */
  handler: string;
  description: string;
  /**
   * zod schemas of the route's input (from `shared/api/`). The adapter parses with them
   * and the bad-input suite generates its cases from them.
   */
  input?: { path?: ZodMiniType; query?: ZodMiniType; body?: ZodMiniType };
  /**
   * The body cap when the schema accepts more than the default 256 KB (`MAX_BODY_BYTES`):
   * a body the schema accepts is never refused for its size. API Gateway's payload limit is
   * 10 MB, the Lambda event's 6 MB.
   */
  maxBodyBytes?: number;
  /** The type of the reply's body (a type only: `as<T>()` is undefined at run time): what handlers must answer and the site reads. */
  reply?: unknown;
}

/** A reply type in a row: nothing at run time, the type for the compiler. */
const as = <T>() => undefined as T;
const readsDocumentType = true;
const directLink = true;

// biome-ignore format: the route table reads row by row — who may call, where it is answered, what it is for
export const routes = [  { method: 'GET', path: '/api/health', caller: 'public',
    room: 'operations', lambda: 'public', handler: 'health',
    description: 'Liveness of the API and its table' },
  { method: 'GET', path: '/api/public/tenant', caller: 'public',
    room: 'customers', lambda: 'public', handler: 'getPublicTenant', reply: as<PublicTenant>(),
    description: "Branding and modules of the Host's tenant" },

  // Sign-in and self-service on the tenant's host (the tenant comes from the Host header)
  { method: 'GET', path: '/api/auth/invitations/{token}', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'inspectInvitation', input: { path: api.invitationPath }, reply: as<InvitationInfo>(),
    description: 'What an invitation link is for, or why it no longer works' },
  { method: 'POST', path: '/api/auth/invitations/{token}/accept', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'acceptInvitation', input: { path: api.invitationPath, body: api.acceptInvitationBody }, reply: as<SessionResponse>(),
    description: 'Set a password from an invitation and sign in' },
  { method: 'POST', path: '/api/auth/login', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'login', input: { body: api.loginBody }, reply: as<SessionResponse>(),
    description: 'Portal sign-in; sets the session cookies' },
  { method: 'POST', path: '/api/auth/refresh', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'refresh', input: { body: api.emptyBody }, reply: as<SessionResponse>(),
    description: 'Renew the portal session from its refresh cookie' },
  { method: 'POST', path: '/api/auth/logout', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'logout', input: { body: api.emptyBody }, reply: as<undefined>(),
    description: 'End the portal session and revoke its refresh token' },
  { method: 'POST', path: '/api/auth/forgot-password', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'forgotPassword', input: { body: api.forgotPasswordBody }, reply: as<ResetRequested>(),
    description: 'Email a password reset link' },
  { method: 'POST', path: '/api/auth/reset-password', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'resetPassword', input: { body: api.resetPasswordBody }, reply: as<SessionResponse>(),
    description: 'Set a new password from a reset link' },
  { method: 'POST', path: '/api/auth/staff/login', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'staffLogin', input: { body: api.loginBody }, reply: as<SessionResponse>(),
    description: 'Staff sign-in against the staff pool' },
  { method: 'POST', path: '/api/auth/staff/refresh', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'staffRefresh', input: { body: api.emptyBody }, reply: as<SessionResponse>(),
    description: 'Renew the staff session' },
  { method: 'POST', path: '/api/auth/staff/logout', caller: 'public',
    room: 'identity', lambda: 'auth', handler: 'staffLogout', input: { body: api.emptyBody }, reply: as<undefined>(),
    description: 'End the staff session' },

  // The signed-in portal user
  { method: 'GET', path: '/api/me', caller: 'portal', directLink,
    room: 'customers', lambda: 'portal', handler: 'getMe', reply: as<MeResponse>(),
    description: 'The user, their company, effective permissions and modules' },
  { method: 'PATCH', path: '/api/me', caller: 'portal', permission: 'profile:write',
    room: 'customers', lambda: 'portal', handler: 'updateMe', input: { body: api.updateMeBody }, reply: as<MeResponse>(),
    description: 'Update my own details' },
  { method: 'PATCH', path: '/api/me/company', caller: 'portal', permission: 'profile:write',
    room: 'customers', lambda: 'portal', handler: 'updateMyCompany', input: { body: api.updateMyCompanyBody }, reply: as<MeResponse>(),
    description: "Update my company's address" },

  // Staff and the CRM: companies, contacts, portal logins, teams, settings
  { method: 'POST', path: '/api/admin/companies', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:write',
    room: 'customers', lambda: 'admin', handler: 'createCompany', input: { body: api.createCompanyBody },
    description: 'Create a company' },
  { method: 'GET', path: '/api/admin/companies', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:read',
    room: 'customers', lambda: 'admin', handler: 'listCompanies', input: { query: api.listCompaniesQuery },
    description: 'List companies, a page at a time' },
  { method: 'GET', path: '/api/admin/companies/{companyId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:read',
    room: 'customers', lambda: 'admin', handler: 'getCompany', input: { path: api.companyPath },
    description: 'Read a company' },
  { method: 'PATCH', path: '/api/admin/companies/{companyId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:write',
    room: 'customers', lambda: 'admin', handler: 'updateCompany', input: { path: api.companyPath, body: api.updateCompanyBody },
    description: 'Update a company, its portal switch and module overrides' },
  { method: 'GET', path: '/api/admin/companies/{companyId}/contacts', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:read',
    room: 'customers', lambda: 'admin', handler: 'listContacts', input: { path: api.companyPath, query: api.pageQuery },
    description: "List a company's contacts" },
  { method: 'POST', path: '/api/admin/contacts', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:write',
    room: 'customers', lambda: 'admin', handler: 'createContact', input: { body: api.createContactBody },
    description: 'Create a contact of a company' },
  { method: 'GET', path: '/api/admin/contacts/{contactId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:read',
    room: 'customers', lambda: 'admin', handler: 'getContact', input: { path: api.contactPath },
    description: 'Read a contact' },
  { method: 'PATCH', path: '/api/admin/contacts/{contactId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'companies:write',
    room: 'customers', lambda: 'admin', handler: 'updateContact', input: { path: api.contactPath, body: api.updateContactBody },
    description: 'Update a contact' },
  { method: 'POST', path: '/api/admin/contacts/{contactId}/portal-login', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:write',
    room: 'identity', lambda: 'admin', handler: 'sendInvitation', input: { path: api.contactPath, body: api.portalLoginBody },
    description: 'Invite a contact to the portal (again: replaces the previous link)' },
  { method: 'GET', path: '/api/admin/portal-users', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:read',
    room: 'customers', lambda: 'admin', handler: 'listPortalUsers', input: { query: api.listUsersQuery },
    description: 'List portal users' },
  { method: 'GET', path: '/api/admin/portal-users/{userId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:read',
    room: 'customers', lambda: 'admin', handler: 'getPortalUser', input: { path: api.userPath },
    description: 'Read a portal user' },
  { method: 'POST', path: '/api/admin/portal-users/{userId}/deactivate', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:write',
    room: 'customers', lambda: 'admin', handler: 'deactivatePortalUser', input: { path: api.userPath },
    description: 'Lock a portal user out at once' },
  { method: 'POST', path: '/api/admin/portal-users/{userId}/reactivate', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:write',
    room: 'customers', lambda: 'admin', handler: 'reactivatePortalUser', input: { path: api.userPath },
    description: 'Let a deactivated portal user in again' },
  { method: 'PUT', path: '/api/admin/portal-users/{userId}/teams', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:write',
    room: 'customers', lambda: 'admin', handler: 'setPortalUserTeams', input: { path: api.userPath, body: api.userTeamsBody },
    description: "Set a portal user's teams" },
  { method: 'GET', path: '/api/admin/teams', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'portal-users:read',
    room: 'customers', lambda: 'admin', handler: 'listTeams',
    description: 'List teams and their permissions' },
  { method: 'PATCH', path: '/api/admin/teams/{teamId}', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:write',
    room: 'customers', lambda: 'admin', handler: 'updateTeam', input: { path: api.teamPath, body: api.updateTeamBody },
    description: "Edit a team's name or permissions" },
  { method: 'GET', path: '/api/admin/settings', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:read',
    room: 'customers', lambda: 'admin', handler: 'getSettings',
    description: "The tenant's portal settings" },
  { method: 'PATCH', path: '/api/admin/settings', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:write',
    room: 'customers', lambda: 'admin', handler: 'updateSettings', input: { body: api.updateSettingsBody },
    description: 'Portal switch, branding, modules, editable profile fields' },
  { method: 'GET', path: '/api/admin/audit', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'audit:read',
    room: 'audit', lambda: 'admin', handler: 'listAudit', input: { query: api.auditQuery },
    description: 'Audit trail of a company or a user' },
  { method: 'GET', path: '/api/admin/audit/tenant', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'audit:read',
    room: 'audit', lambda: 'admin', handler: 'listTenantAudit', input: { query: api.pageQuery },
    description: "The tenant's own trail: settings, teams, notification and payment settings changed, API keys created and revoked" },
  { method: 'POST', path: '/api/admin/api-keys', caller: 'staff', role: 'tenant-admin',
    room: 'identity', lambda: 'admin', handler: 'createApiKey', input: { body: api.createApiKeyBody },
    description: 'Create a CRM API key (shown once)' },
  { method: 'GET', path: '/api/admin/api-keys', caller: 'staff', role: 'tenant-admin',
    room: 'identity', lambda: 'admin', handler: 'listApiKeys',
    description: 'List CRM API keys' },
  { method: 'DELETE', path: '/api/admin/api-keys/{keyId}', caller: 'staff', role: 'tenant-admin',
    room: 'identity', lambda: 'admin', handler: 'revokeApiKey', input: { path: api.apiKeyPath },
    description: 'Revoke a CRM API key' },

  // Business documents in the portal (company from the session; type's read permission checked per request)
  { method: 'GET', path: '/api/dashboard', caller: 'portal',
    room: 'documents', lambda: 'portal', handler: 'getDashboard', reply: as<DashboardView>(),
    description: 'Outstanding balance, overdue invoices, decisions awaited, recent activity' },
  { method: 'GET', path: '/api/documents/{type}', caller: 'portal', readsDocumentType,
    room: 'documents', lambda: 'portal', handler: 'listDocuments', input: { path: docs.documentTypePath, query: docs.listDocumentsQuery }, reply: as<DocumentPage>(),
    description: "A page of the company's documents of one type, by status, date or number" },
  { method: 'GET', path: '/api/document-exports/{type}', caller: 'portal', readsDocumentType,
    room: 'documents', lambda: 'portal', handler: 'exportDocuments', input: { path: docs.documentTypePath, query: exportApi.exportDocumentsQuery }, reply: as<string>(),
    description: "The company's documents of one type as CSV, with the list's filters (status, number search, sort)" },
  // Selected documents' PDFs as one ZIP, built by the pdf Lambda; the job is its requester's alone
  { method: 'POST', path: '/api/document-zips/{type}', caller: 'portal', readsDocumentType,
    room: 'documents', lambda: 'portal', handler: 'startDocumentZip', input: { path: docs.documentTypePath, body: zipApi.createZipBody }, reply: as<DocumentZipProgress>(),
    description: "Start a ZIP of the selected documents' PDFs (1–1,000 ids of one type); the same selection within a minute is the same job" },
  { method: 'GET', path: '/api/document-zips/{type}/{zipId}', caller: 'portal', readsDocumentType,
    room: 'documents', lambda: 'files', handler: 'getDocumentZip', input: { path: zipApi.zipPath }, reply: as<DocumentZipProgress>(),
    description: "A ZIP job's progress, and a short-lived link to the ZIP once it is ready" },
  { method: 'GET', path: '/api/documents/{type}/{documentId}', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'portal', handler: 'getDocument', input: { path: docs.documentPath }, reply: as<DocumentView>(),
    description: 'A document with lines, totals, terms, attachments and history' },
  // A document's past versions: a direct-link visitor sees its one document's, as its recipient would
  { method: 'GET', path: '/api/documents/{type}/{documentId}/versions', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'portal', handler: 'listVersions', input: { path: docs.documentPath, query: versions.documentVersionsQuery }, reply: as<DocumentVersionPage>(),
    description: "A page of the document's versions, newest first, with what each received and whether it was voided" },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/versions/{version}', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'portal', handler: 'getVersion', input: { path: versions.documentVersionPath }, reply: as<DocumentVersionView>(),
    description: 'One version of the document as it was published' },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/versions/{version}/changes', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'portal', handler: 'getVersionChanges', input: { path: versions.documentVersionPath, query: versions.versionChangesQuery }, reply: as<VersionComparison>(),
    description: 'What changed in a version since another: lines added, removed and changed, and the totals' },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/pdf', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'files', handler: 'getDocumentPdf', input: { path: docs.documentPath }, reply: as<DocumentPdfReply>(),
    description: "A short-lived link to the PDF of the document's current version in the tenant's branding, or 202 with Retry-After while it is rendered" },
  { method: 'GET', path: '/api/statement', caller: 'portal', permission: 'invoices:read',
    room: 'documents', lambda: 'portal', handler: 'getStatement', input: { query: st.statementQuery }, reply: as<StatementView>(),
    description: "The company's statement of account in one currency for a period: opening, invoices, payments, credits, closing, aging" },
  { method: 'GET', path: '/api/statement/pdf', caller: 'portal', permission: 'invoices:read',
    room: 'documents', lambda: 'files', handler: 'getStatementPdf', input: { query: st.statementQuery }, reply: as<StatementPdfReply>(),
    description: 'A short-lived link to the statement of account as a PDF, or 202 with Retry-After while it is rendered' },
  { method: 'POST', path: '/api/documents/quote/{documentId}/accept', caller: 'portal', permission: 'quotes:accept', directLink,
    room: 'documents', lambda: 'portal', handler: 'acceptQuote', input: { path: docs.typedDocumentPath, body: docs.acceptQuoteBody }, reply: as<DocumentView>(),
    description: 'Accept a quote, optionally with a purchase-order reference' },
  { method: 'POST', path: '/api/documents/quote/{documentId}/reject', caller: 'portal', permission: 'quotes:accept', directLink,
    room: 'documents', lambda: 'portal', handler: 'rejectQuote', input: { path: docs.typedDocumentPath, body: docs.rejectQuoteBody }, reply: as<DocumentView>(),
    description: 'Reject a quote with a reason' },
  { method: 'POST', path: '/api/documents/job/{documentId}/approve', caller: 'portal', permission: 'artwork:approve', directLink,
    room: 'documents', lambda: 'portal', handler: 'approveArtwork', input: { path: docs.typedDocumentPath, body: docs.approveBody }, reply: as<DocumentView>(),
    description: "Approve a job's artwork or estimate" },
  { method: 'POST', path: '/api/documents/job/{documentId}/request-changes', caller: 'portal', permission: 'artwork:approve', directLink,
    room: 'documents', lambda: 'portal', handler: 'requestArtworkChanges', input: { path: docs.typedDocumentPath, body: docs.requestChangesBody }, reply: as<DocumentView>(),
    description: "Ask for changes to a job's artwork, with a comment" },
  { method: 'POST', path: '/api/documents/sales-order/{documentId}/sign', caller: 'portal', permission: 'orders:sign', directLink,
    room: 'documents', lambda: 'portal', handler: 'signOrder', input: { path: docs.typedDocumentPath, body: docs.signOrderBody }, reply: as<DocumentView>(),
    description: 'E-sign a sales order with the typed name and the signing PIN' },
  { method: 'GET', path: '/api/documents/sales-order/{documentId}/signature', caller: 'portal', permission: 'orders:read', directLink,
    room: 'documents', lambda: 'portal', handler: 'getSignatureEvidence', input: { path: docs.typedDocumentPath }, reply: as<SignatureEvidence>(),
    description: "The evidence record of the order's signature" },
  { method: 'POST', path: '/api/documents/purchase-order/{documentId}/acknowledge', caller: 'portal', permission: 'purchase-orders:acknowledge', directLink,
    room: 'documents', lambda: 'portal', handler: 'acknowledgePurchaseOrder', input: { path: docs.typedDocumentPath, body: api.emptyBody }, reply: as<DocumentView>(),
    description: 'Acknowledge a purchase order as it stands (this version)' },
  { method: 'POST', path: '/api/documents/purchase-order/{documentId}/propose-dates', caller: 'portal', permission: 'purchase-orders:acknowledge', directLink,
    room: 'documents', lambda: 'portal', handler: 'proposeDeliveryDates', input: { path: docs.typedDocumentPath, body: po.proposeDatesBody }, reply: as<DocumentView>(),
    description: "Propose other delivery dates for some of a purchase order's lines, with a note" },
  { method: 'POST', path: '/api/documents/purchase-order/{documentId}/bill-uploads', caller: 'portal', permission: 'purchase-orders:acknowledge', directLink,
    room: 'documents', lambda: 'files', handler: 'createBillUpload', input: { path: docs.typedDocumentPath, body: po.billUploadBody }, reply: as<UploadTicket>(),
    description: "A presigned S3 upload for a bill's PDF" },
  { method: 'POST', path: '/api/documents/purchase-order/{documentId}/bills', caller: 'portal', permission: 'purchase-orders:acknowledge', directLink,
    room: 'documents', lambda: 'files', handler: 'submitBill', input: { path: docs.typedDocumentPath, body: po.submitBillBody }, reply: as<DocumentView>(),
    description: 'Submit a bill (number, date, amount, PDF) against a purchase order' },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/messages', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'files', handler: 'listMessages', input: { path: docs.documentPath, query: docs.threadQuery }, reply: as<MessageThread>(),
    description: "The document's message thread, newest page first, older pages by cursor (the newest page marks it read)" },
  { method: 'POST', path: '/api/documents/{type}/{documentId}/messages', caller: 'portal', permission: 'messages:write', readsDocumentType, directLink,
    room: 'documents', lambda: 'files', handler: 'postMessage', input: { path: docs.documentPath, body: docs.postMessageBody }, reply: as<MessageView>(),
    description: 'Post a message, with uploaded attachments, on a document' },
  { method: 'POST', path: '/api/documents/{type}/{documentId}/uploads', caller: 'portal', permission: 'messages:write', readsDocumentType, directLink,
    room: 'documents', lambda: 'files', handler: 'createUpload', input: { path: docs.documentPath, body: docs.createUploadBody }, reply: as<UploadTicket>(),
    description: 'A presigned S3 upload for a message attachment' },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/attachments/{attachmentId}', caller: 'portal', readsDocumentType, directLink,
    room: 'documents', lambda: 'files', handler: 'getAttachment', input: { path: docs.attachmentPath }, reply: as<DownloadLink>(),
    description: "A short-lived link to one of the document's or its messages' files" },
  { method: 'PUT', path: '/api/me/signing-pin', caller: 'portal', permission: 'orders:sign',
    room: 'documents', lambda: 'auth', handler: 'setSigningPin', input: { body: docs.setSigningPinBody }, reply: as<SigningPinSet>(),
    description: 'Set or change my e-signing PIN (needs my password)' },

  // Direct links: one document for one recipient, no login
  { method: 'POST', path: '/api/direct/{token}/session', caller: 'public',
    room: 'documents', lambda: 'auth', handler: 'openDirectLink', input: { path: docs.directLinkTokenPath, body: api.emptyBody }, reply: as<DirectLinkSession>(),
    description: 'Open a direct link: a session limited to its one document' },

  // Staff and the CRM: documents
  { method: 'PUT', path: '/api/admin/documents/{type}/{documentId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'admin', handler: 'publishDocument', input: { path: docs.documentPath, body: docs.publishDocumentBody }, maxBodyBytes: LIMITS.document.bodyBytes,
    description: "Publish (create or update) a document by the CRM's id" },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'getDocumentAdmin', input: { path: docs.documentPath },
    description: 'Read a published document with its portal state' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/versions', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'listVersionsAdmin', input: { path: docs.documentPath, query: versions.documentVersionsQuery }, reply: as<DocumentVersionPage>(),
    description: "A page of the document's versions, newest first, with what each received and whether it was voided" },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/versions/{version}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'getVersionAdmin', input: { path: versions.documentVersionPath }, reply: as<DocumentVersionView>(),
    description: 'One version of the document as it was published' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/versions/{version}/changes', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'getVersionChangesAdmin', input: { path: versions.documentVersionPath, query: versions.versionChangesQuery }, reply: as<VersionComparison>(),
    description: 'What changed in a version since another: lines added, removed and changed, and the totals' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/views', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'listDocumentViews', input: { path: docs.documentPath, query: viewLog.documentViewsQuery }, reply: as<DocumentViewLogPage>(),
    description: 'Every time a contact or link visitor opened the document or got its PDF, newest first' },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/withdraw', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'admin', handler: 'withdrawDocument', input: { path: docs.documentPath, body: api.emptyBody },
    description: 'Withdraw a document from the portal' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/pdf', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'files', handler: 'getDocumentPdfAdmin', input: { path: docs.documentPath }, reply: as<DocumentPdfReply>(),
    description: "A short-lived link to the PDF of the document's current version, or 202 with Retry-After while it is rendered" },
  { method: 'GET', path: '/api/admin/companies/{companyId}/statement', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'getCompanyStatement', input: { path: st.companyStatementPath, query: st.statementQuery }, reply: as<StatementView>(),
    description: "A company's statement of account in one currency for a period" },
  { method: 'GET', path: '/api/admin/companies/{companyId}/statement/pdf', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'files', handler: 'getCompanyStatementPdf', input: { path: st.companyStatementPath, query: st.statementQuery }, reply: as<StatementPdfReply>(),
    description: "A short-lived link to a company's statement of account as a PDF, or 202 with Retry-After while it is rendered" },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/messages', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'files', handler: 'listMessagesAdmin', input: { path: docs.documentPath, query: docs.threadQuery }, reply: as<MessageThread>(),
    description: "The document's message thread, newest page first, older pages by cursor" },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/messages', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'files', handler: 'postMessageAdmin', input: { path: docs.documentPath, body: docs.postMessageBody }, reply: as<MessageView>(),
    description: 'Reply on a document (the contact is emailed)' },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/uploads', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'files', handler: 'createUploadAdmin', input: { path: docs.documentPath, body: docs.createUploadBody }, reply: as<UploadTicket>(),
    description: 'A presigned S3 upload for a reply attachment' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/attachments/{attachmentId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'files', handler: 'getAttachmentAdmin', input: { path: docs.attachmentPath }, reply: as<DownloadLink>(),
    description: "A short-lived link to one of the document's files" },
  { method: 'GET', path: '/api/admin/documents/sales-order/{documentId}/signature', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'getSignatureEvidenceAdmin', input: { path: docs.typedDocumentPath },
    description: "The evidence record of an order's signature" },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/direct-links', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'admin', handler: 'createDirectLink', input: { path: docs.documentPath, body: docs.createDirectLinkBody },
    description: 'Email a contact a link to this one document' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/direct-links', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'documents', lambda: 'admin', handler: 'listDirectLinks', input: { path: docs.documentPath },
    description: "A document's direct links" },
  { method: 'DELETE', path: '/api/admin/direct-links/{linkId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'admin', handler: 'revokeDirectLink', input: { path: docs.directLinkPath },
    description: 'Revoke one direct link' },
  { method: 'POST', path: '/api/admin/contacts/{contactId}/direct-links/revoke', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'documents', lambda: 'admin', handler: 'revokeContactDirectLinks', input: { path: api.contactPath, body: api.emptyBody },
    description: 'Revoke every direct link of a contact' },
  { method: 'GET', path: '/api/admin/notifications', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:read',
    room: 'notify', lambda: 'admin', handler: 'getNotificationSettings',
    description: 'Who among staff is emailed for each event' },
  { method: 'PUT', path: '/api/admin/notifications', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:write',
    room: 'notify', lambda: 'admin', handler: 'setNotificationSettings', input: { body: docs.notificationSettingsBody },
    description: 'Set who among staff is emailed for each event' },

  // Quote and job requests (commerce room): the portal asks, the CRM answers by publishing the quote or job with `requestId`
  { method: 'POST', path: '/api/requests/uploads', caller: 'portal',
    room: 'commerce', lambda: 'files', handler: 'createRequestUpload', input: { body: rq.requestUploadBody }, reply: as<UploadTicket>(),
    description: "A presigned S3 upload for a request's file (needs quote-requests:write or job-requests:write)" },
  { method: 'POST', path: '/api/requests', caller: 'portal',
    room: 'commerce', lambda: 'files', handler: 'createRequest', input: { body: rq.createRequestBody }, reply: as<RequestView>(),
    description: 'Request a quote (quote-requests:write) or a job (job-requests:write), with uploaded files; one per clientRequestId' },
  { method: 'GET', path: '/api/requests', caller: 'portal',
    room: 'commerce', lambda: 'portal', handler: 'listRequests', input: { query: rq.listRequestsQuery }, reply: as<RequestPage>(),
    description: "A page of the company's requests, newest first: quote requests to those who may read or request quotes, job requests likewise" },
  { method: 'GET', path: '/api/requests/{requestId}', caller: 'portal',
    room: 'commerce', lambda: 'portal', handler: 'getRequest', input: { path: rq.requestPath }, reply: as<RequestView>(),
    description: 'One of the company\'s requests, with its status and the quote or job answering it' },
  { method: 'GET', path: '/api/requests/{requestId}/attachments/{attachmentId}', caller: 'portal',
    room: 'commerce', lambda: 'files', handler: 'getRequestAttachment', input: { path: rq.requestAttachmentPath }, reply: as<DownloadLink>(),
    description: "A short-lived link to one of a request's files" },
  { method: 'POST', path: '/api/cart/quote-request', caller: 'portal', permission: 'quote-requests:write',
    room: 'commerce', lambda: 'portal', handler: 'requestQuoteForCart', input: { body: rq.cartQuoteRequestBody }, reply: as<RequestView>(),
    description: 'Send the cart as a quote request (when the catalogue terms allow quote requests); empties the cart' },
  { method: 'GET', path: '/api/admin/requests', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'commerce', lambda: 'admin', handler: 'listRequestsAdmin', input: { query: rq.adminRequestsQuery }, reply: as<AdminRequestPage>(),
    description: "The tenant's quote and job requests, newest first, by status, kind or company" },
  { method: 'GET', path: '/api/admin/requests/{requestId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'commerce', lambda: 'admin', handler: 'getRequestAdmin', input: { path: rq.requestPath }, reply: as<AdminRequestView>(),
    description: 'One request with its company' },
  { method: 'POST', path: '/api/admin/requests/{requestId}/decline', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:write',
    room: 'commerce', lambda: 'admin', handler: 'declineRequest', input: { path: rq.requestPath, body: rq.declineRequestBody }, reply: as<AdminRequestView>(),
    description: 'Decline a request that is still open, with a reason the customer sees' },
  { method: 'GET', path: '/api/admin/requests/{requestId}/attachments/{attachmentId}', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'commerce', lambda: 'files', handler: 'getRequestAttachmentAdmin', input: { path: rq.requestAttachmentPath }, reply: as<DownloadLink>(),
    description: "A short-lived link to one of a request's files" },

  // Online payments (their own Lambda: the Stripe calls and their secret are there only)
  { method: 'POST', path: '/api/documents/invoice/{documentId}/payments', caller: 'portal', permission: 'invoices:pay', directLink,
    room: 'payments', lambda: 'payments', handler: 'startPayment', input: { path: docs.typedDocumentPath, body: pay.startPaymentBody }, reply: as<StartedPayment>(),
    description: 'Start paying an invoice (its balance, or a part): the Stripe Checkout page to send the customer to' },
  { method: 'GET', path: '/api/documents/invoice/{documentId}/payments', caller: 'portal', permission: 'invoices:read', directLink,
    room: 'payments', lambda: 'payments', handler: 'listPayments', input: { path: docs.typedDocumentPath }, reply: as<InvoicePayments>(),
    description: "An invoice's online payments and their progress" },
  { method: 'POST', path: '/api/webhooks/stripe', caller: 'webhook',
    room: 'payments', lambda: 'payments', handler: 'stripeWebhook',
    description: 'Stripe events, verified by their signature: payments succeeded, failed, refunded, disputed' },
  { method: 'GET', path: '/api/admin/payment-settings', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:read',
    room: 'payments', lambda: 'payments', handler: 'getPaymentSettings', reply: as<PaymentSettingsView>(),
    description: "The tenant's online payment settings" },
  { method: 'PUT', path: '/api/admin/payment-settings', caller: 'staff-or-api-key', role: 'tenant-admin', scope: 'settings:write',
    room: 'payments', lambda: 'payments', handler: 'setPaymentSettings', input: { body: pay.paymentSettingsBody }, reply: as<PaymentSettingsView>(),
    description: 'Online payments on or off; Stripe connected account, methods, part payments, bank accounts' },
  { method: 'GET', path: '/api/admin/documents/invoice/{documentId}/payments', caller: 'staff-or-api-key', role: 'tenant-staff', scope: 'documents:read',
    room: 'payments', lambda: 'payments', handler: 'listPaymentsAdmin', input: { path: docs.typedDocumentPath },
    description: "An invoice's payments with what staff reconcile them by" },
] as const satisfies readonly RouteDefinition[];

export type Route = (typeof routes)[number];
export type RouteKey = `${Route['method']} ${Route['path']}`;

/** API Gateway route key, e.g. `GET /api/health`. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOfLambda = (lambda: ApiLambda): RouteDefinition[] => routes.filter((r) => r.lambda === lambda);

/** Lambdas that serve at least one route; each becomes one Lambda function. */
export const activeLambdas = (): ApiLambda[] => API_LAMBDAS.filter((l) => routes.some((r) => r.lambda === l));
