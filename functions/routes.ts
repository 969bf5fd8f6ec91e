import type { ZodMiniType } from 'zod/mini';
import type { Permission } from '../shared/permissions';
import * as api from '../shared/api/access';
import * as docs from '../shared/api/documents';
import * as pay from '../shared/api/payments';

/**
 * The route table: the one contract both runtimes are built from. The CDK api stack
 * makes one Lambda per `group` (entry `functions/<group>/lambda.ts`) and one HTTP API
 * route per row; the local gateway serves the same rows through the same Lambda entry.
 * Adding a route is one row here plus its handler in `functions/<group>/handlers.ts`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route; the auth middleware enforces it. */
export type CallerKind = 'public' | 'portal' | 'staff' | 'api-key' | 'staff-or-api-key' | 'webhook';

export const ROUTE_GROUPS = ['public', 'auth', 'portal', 'admin', 'files', 'payments'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/admin/contacts/{contactId}`. */
  path: string;
  group: RouteGroup;
  /** Export name in `functions/<group>/handlers.ts`. */
  handler: string;
  caller: CallerKind;
  /** Required permission for portal callers. */
  permission?: Permission;
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
  description: string;
  /**
   * zod schemas of the route's input (from `shared/api/`). The handler factory parses
   * with them and the bad-input suite generates its cases from them.
   */
  input?: { path?: ZodMiniType; query?: ZodMiniType; body?: ZodMiniType };
}

export const routes = [
  { method: 'GET', path: '/api/health', group: 'public', handler: 'health', caller: 'public', description: 'Liveness of the API and its table' },
  { method: 'GET', path: '/api/public/tenant', group: 'public', handler: 'getPublicTenant', caller: 'public', description: "Branding and modules of the Host's tenant" },

  // Sign-in and self-service on the tenant's host (the tenant comes from the Host header)
  { method: 'GET', path: '/api/auth/invitations/{token}', group: 'auth', handler: 'inspectInvitation', caller: 'public', input: { path: api.invitationPath }, description: 'What an invitation link is for, or why it no longer works' },
  { method: 'POST', path: '/api/auth/invitations/{token}/accept', group: 'auth', handler: 'acceptInvitation', caller: 'public', input: { path: api.invitationPath, body: api.acceptInvitationBody }, description: 'Set a password from an invitation and sign in' },
  { method: 'POST', path: '/api/auth/login', group: 'auth', handler: 'login', caller: 'public', input: { body: api.loginBody }, description: 'Portal sign-in; sets the session cookies' },
  { method: 'POST', path: '/api/auth/refresh', group: 'auth', handler: 'refresh', caller: 'public', input: { body: api.emptyBody }, description: 'Renew the portal session from its refresh cookie' },
  { method: 'POST', path: '/api/auth/logout', group: 'auth', handler: 'logout', caller: 'public', input: { body: api.emptyBody }, description: 'End the portal session and revoke its refresh token' },
  { method: 'POST', path: '/api/auth/forgot-password', group: 'auth', handler: 'forgotPassword', caller: 'public', input: { body: api.forgotPasswordBody }, description: 'Email a password reset link' },
  { method: 'POST', path: '/api/auth/reset-password', group: 'auth', handler: 'resetPassword', caller: 'public', input: { body: api.resetPasswordBody }, description: 'Set a new password from a reset link' },
  { method: 'POST', path: '/api/auth/staff/login', group: 'auth', handler: 'staffLogin', caller: 'public', input: { body: api.loginBody }, description: 'Staff sign-in against the staff pool' },
  { method: 'POST', path: '/api/auth/staff/refresh', group: 'auth', handler: 'staffRefresh', caller: 'public', input: { body: api.emptyBody }, description: 'Renew the staff session' },
  { method: 'POST', path: '/api/auth/staff/logout', group: 'auth', handler: 'staffLogout', caller: 'public', input: { body: api.emptyBody }, description: 'End the staff session' },

  // The signed-in portal user
  { method: 'GET', path: '/api/me', group: 'portal', handler: 'getMe', caller: 'portal', directLink: true, description: 'The user, their company, effective permissions and modules' },
  { method: 'PATCH', path: '/api/me', group: 'portal', handler: 'updateMe', caller: 'portal', permission: 'profile:write', input: { body: api.updateMeBody }, description: 'Update my own details' },
  { method: 'PATCH', path: '/api/me/company', group: 'portal', handler: 'updateMyCompany', caller: 'portal', permission: 'profile:write', input: { body: api.updateMyCompanyBody }, description: "Update my company's address" },

  // Staff and the CRM: companies, contacts, portal logins, teams, settings
  { method: 'POST', path: '/api/admin/companies', group: 'admin', handler: 'createCompany', caller: 'staff-or-api-key', input: { body: api.createCompanyBody }, description: 'Create a company' },
  { method: 'GET', path: '/api/admin/companies', group: 'admin', handler: 'listCompanies', caller: 'staff-or-api-key', input: { query: api.listCompaniesQuery }, description: 'List companies, a page at a time' },
  { method: 'GET', path: '/api/admin/companies/{companyId}', group: 'admin', handler: 'getCompany', caller: 'staff-or-api-key', input: { path: api.companyPath }, description: 'Read a company' },
  { method: 'PATCH', path: '/api/admin/companies/{companyId}', group: 'admin', handler: 'updateCompany', caller: 'staff-or-api-key', input: { path: api.companyPath, body: api.updateCompanyBody }, description: 'Update a company, its portal switch and module overrides' },
  { method: 'GET', path: '/api/admin/companies/{companyId}/contacts', group: 'admin', handler: 'listContacts', caller: 'staff-or-api-key', input: { path: api.companyPath, query: api.pageQuery }, description: "List a company's contacts" },
  { method: 'POST', path: '/api/admin/contacts', group: 'admin', handler: 'createContact', caller: 'staff-or-api-key', input: { body: api.createContactBody }, description: 'Create a contact of a company' },
  { method: 'GET', path: '/api/admin/contacts/{contactId}', group: 'admin', handler: 'getContact', caller: 'staff-or-api-key', input: { path: api.contactPath }, description: 'Read a contact' },
  { method: 'PATCH', path: '/api/admin/contacts/{contactId}', group: 'admin', handler: 'updateContact', caller: 'staff-or-api-key', input: { path: api.contactPath, body: api.updateContactBody }, description: 'Update a contact' },
  { method: 'POST', path: '/api/admin/contacts/{contactId}/portal-login', group: 'admin', handler: 'createPortalLogin', caller: 'staff-or-api-key', input: { path: api.contactPath, body: api.portalLoginBody }, description: 'Invite a contact to the portal (again: replaces the previous link)' },
  { method: 'GET', path: '/api/admin/portal-users', group: 'admin', handler: 'listPortalUsers', caller: 'staff-or-api-key', input: { query: api.listUsersQuery }, description: 'List portal users' },
  { method: 'GET', path: '/api/admin/portal-users/{userId}', group: 'admin', handler: 'getPortalUser', caller: 'staff-or-api-key', input: { path: api.userPath }, description: 'Read a portal user' },
  { method: 'POST', path: '/api/admin/portal-users/{userId}/deactivate', group: 'admin', handler: 'deactivatePortalUser', caller: 'staff-or-api-key', input: { path: api.userPath }, description: 'Lock a portal user out at once' },
  { method: 'POST', path: '/api/admin/portal-users/{userId}/reactivate', group: 'admin', handler: 'reactivatePortalUser', caller: 'staff-or-api-key', input: { path: api.userPath }, description: 'Let a deactivated portal user in again' },
  { method: 'PUT', path: '/api/admin/portal-users/{userId}/teams', group: 'admin', handler: 'setPortalUserTeams', caller: 'staff-or-api-key', input: { path: api.userPath, body: api.userTeamsBody }, description: "Set a portal user's teams" },
  { method: 'GET', path: '/api/admin/teams', group: 'admin', handler: 'listTeams', caller: 'staff-or-api-key', description: 'List teams and their permissions' },
  { method: 'PATCH', path: '/api/admin/teams/{teamId}', group: 'admin', handler: 'updateTeam', caller: 'staff-or-api-key', input: { path: api.teamPath, body: api.updateTeamBody }, description: "Edit a team's name or permissions" },
  { method: 'GET', path: '/api/admin/settings', group: 'admin', handler: 'getSettings', caller: 'staff-or-api-key', description: "The tenant's portal settings" },
  { method: 'PATCH', path: '/api/admin/settings', group: 'admin', handler: 'updateSettings', caller: 'staff-or-api-key', input: { body: api.updateSettingsBody }, description: 'Portal switch, branding, modules, editable profile fields' },
  { method: 'GET', path: '/api/admin/audit', group: 'admin', handler: 'listAudit', caller: 'staff-or-api-key', input: { query: api.auditQuery }, description: 'Audit trail of a company or a user' },
  { method: 'POST', path: '/api/admin/api-keys', group: 'admin', handler: 'createApiKey', caller: 'staff', input: { body: api.createApiKeyBody }, description: 'Create a CRM API key (shown once)' },
  { method: 'GET', path: '/api/admin/api-keys', group: 'admin', handler: 'listApiKeys', caller: 'staff', description: 'List CRM API keys' },
  { method: 'DELETE', path: '/api/admin/api-keys/{keyId}', group: 'admin', handler: 'revokeApiKey', caller: 'staff', input: { path: api.apiKeyPath }, description: 'Revoke a CRM API key' },
  // Business documents in the portal (company from the session; type's read permission checked per request)
  { method: 'GET', path: '/api/dashboard', group: 'portal', handler: 'getDashboard', caller: 'portal', description: 'Outstanding balance, overdue invoices, decisions awaited, recent activity' },
  { method: 'GET', path: '/api/documents/{type}', group: 'portal', handler: 'listDocuments', caller: 'portal', readsDocumentType: true, input: { path: docs.documentTypePath, query: docs.listDocumentsQuery }, description: "A page of the company's documents of one type, by status, date or number" },
  { method: 'GET', path: '/api/documents/{type}/{documentId}', group: 'portal', handler: 'getDocument', caller: 'portal', readsDocumentType: true, directLink: true, input: { path: docs.documentPath }, description: 'A document with lines, totals, terms, attachments and history' },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/pdf', group: 'files', handler: 'getDocumentPdf', caller: 'portal', readsDocumentType: true, directLink: true, input: { path: docs.documentPath }, description: "A short-lived link to the document's PDF in the tenant's branding" },
  { method: 'POST', path: '/api/documents/quote/{documentId}/accept', group: 'portal', handler: 'acceptQuote', caller: 'portal', permission: 'quotes:accept', directLink: true, input: { path: docs.typedDocumentPath, body: docs.acceptQuoteBody }, description: 'Accept a quote, optionally with a purchase-order reference' },
  { method: 'POST', path: '/api/documents/quote/{documentId}/reject', group: 'portal', handler: 'rejectQuote', caller: 'portal', permission: 'quotes:accept', directLink: true, input: { path: docs.typedDocumentPath, body: docs.rejectQuoteBody }, description: 'Reject a quote with a reason' },
  { method: 'POST', path: '/api/documents/job/{documentId}/approve', group: 'portal', handler: 'approveArtwork', caller: 'portal', permission: 'artwork:approve', directLink: true, input: { path: docs.typedDocumentPath, body: docs.approveBody }, description: "Approve a job's artwork or estimate" },
  { method: 'POST', path: '/api/documents/job/{documentId}/request-changes', group: 'portal', handler: 'requestArtworkChanges', caller: 'portal', permission: 'artwork:approve', directLink: true, input: { path: docs.typedDocumentPath, body: docs.requestChangesBody }, description: "Ask for changes to a job's artwork, with a comment" },
  { method: 'POST', path: '/api/documents/sales-order/{documentId}/sign', group: 'portal', handler: 'signOrder', caller: 'portal', permission: 'orders:sign', directLink: true, input: { path: docs.typedDocumentPath, body: docs.signOrderBody }, description: 'E-sign a sales order with the typed name and the signing PIN' },
  { method: 'GET', path: '/api/documents/sales-order/{documentId}/signature', group: 'portal', handler: 'getSignatureEvidence', caller: 'portal', permission: 'orders:read', directLink: true, input: { path: docs.typedDocumentPath }, description: "The evidence record of the order's signature" },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/messages', group: 'files', handler: 'listMessages', caller: 'portal', readsDocumentType: true, directLink: true, input: { path: docs.documentPath }, description: "The document's message thread (marks it read)" },
  { method: 'POST', path: '/api/documents/{type}/{documentId}/messages', group: 'files', handler: 'postMessage', caller: 'portal', permission: 'messages:write', readsDocumentType: true, directLink: true, input: { path: docs.documentPath, body: docs.postMessageBody }, description: 'Post a message, with uploaded attachments, on a document' },
  { method: 'POST', path: '/api/documents/{type}/{documentId}/uploads', group: 'files', handler: 'createUpload', caller: 'portal', permission: 'messages:write', readsDocumentType: true, directLink: true, input: { path: docs.documentPath, body: docs.createUploadBody }, description: 'A presigned S3 upload for a message attachment' },
  { method: 'GET', path: '/api/documents/{type}/{documentId}/attachments/{attachmentId}', group: 'files', handler: 'getAttachment', caller: 'portal', readsDocumentType: true, directLink: true, input: { path: docs.attachmentPath }, description: "A short-lived link to one of the document's or its messages' files" },
  { method: 'PUT', path: '/api/me/signing-pin', group: 'auth', handler: 'setSigningPin', caller: 'portal', permission: 'orders:sign', input: { body: docs.setSigningPinBody }, description: 'Set or change my e-signing PIN (needs my password)' },

  // Direct links: one document for one recipient, no login
  { method: 'POST', path: '/api/direct/{token}/session', group: 'auth', handler: 'openDirectLink', caller: 'public', input: { path: docs.directLinkTokenPath, body: api.emptyBody }, description: "Open a direct link: a session limited to its one document" },

  // Staff and the CRM: documents
  { method: 'PUT', path: '/api/admin/documents/{type}/{documentId}', group: 'admin', handler: 'publishDocument', caller: 'staff-or-api-key', input: { path: docs.documentPath, body: docs.publishDocumentBody }, description: "Publish (create or update) a document by the CRM's id" },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}', group: 'admin', handler: 'getDocumentAdmin', caller: 'staff-or-api-key', input: { path: docs.documentPath }, description: 'Read a published document with its portal state' },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/withdraw', group: 'admin', handler: 'withdrawDocument', caller: 'staff-or-api-key', input: { path: docs.documentPath, body: api.emptyBody }, description: 'Withdraw a document from the portal' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/pdf', group: 'files', handler: 'getDocumentPdfAdmin', caller: 'staff-or-api-key', input: { path: docs.documentPath }, description: "A short-lived link to the document's PDF" },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/messages', group: 'files', handler: 'listMessagesAdmin', caller: 'staff-or-api-key', input: { path: docs.documentPath }, description: "The document's message thread" },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/messages', group: 'files', handler: 'postStaffMessage', caller: 'staff-or-api-key', input: { path: docs.documentPath, body: docs.postMessageBody }, description: 'Reply on a document (the contact is emailed)' },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/uploads', group: 'files', handler: 'createUploadAdmin', caller: 'staff-or-api-key', input: { path: docs.documentPath, body: docs.createUploadBody }, description: 'A presigned S3 upload for a reply attachment' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/attachments/{attachmentId}', group: 'files', handler: 'getAttachmentAdmin', caller: 'staff-or-api-key', input: { path: docs.attachmentPath }, description: "A short-lived link to one of the document's files" },
  { method: 'GET', path: '/api/admin/documents/sales-order/{documentId}/signature', group: 'admin', handler: 'getSignatureEvidenceAdmin', caller: 'staff-or-api-key', input: { path: docs.typedDocumentPath }, description: "The evidence record of an order's signature" },
  { method: 'POST', path: '/api/admin/documents/{type}/{documentId}/direct-links', group: 'admin', handler: 'createDirectLink', caller: 'staff-or-api-key', input: { path: docs.documentPath, body: docs.createDirectLinkBody }, description: 'Email a contact a link to this one document' },
  { method: 'GET', path: '/api/admin/documents/{type}/{documentId}/direct-links', group: 'admin', handler: 'listDirectLinks', caller: 'staff-or-api-key', input: { path: docs.documentPath }, description: "A document's direct links" },
  { method: 'DELETE', path: '/api/admin/direct-links/{linkId}', group: 'admin', handler: 'revokeDirectLink', caller: 'staff-or-api-key', input: { path: docs.directLinkPath }, description: 'Revoke one direct link' },
  { method: 'POST', path: '/api/admin/contacts/{contactId}/direct-links/revoke', group: 'admin', handler: 'revokeContactDirectLinks', caller: 'staff-or-api-key', input: { path: api.contactPath, body: api.emptyBody }, description: "Revoke every direct link of a contact" },
  { method: 'GET', path: '/api/admin/notifications', group: 'admin', handler: 'getNotificationSettings', caller: 'staff-or-api-key', description: 'Who among staff is emailed for each event' },
  { method: 'PUT', path: '/api/admin/notifications', group: 'admin', handler: 'setNotificationSettings', caller: 'staff-or-api-key', input: { body: docs.notificationSettingsBody }, description: 'Set who among staff is emailed for each event' },

  // Online payments (group `payments`: the Stripe SDK is bundled into this Lambda only)
  { method: 'POST', path: '/api/documents/invoice/{documentId}/payments', group: 'payments', handler: 'startPayment', caller: 'portal', permission: 'invoices:pay', directLink: true, input: { path: docs.typedDocumentPath, body: pay.startPaymentBody }, description: 'Start paying an invoice (its balance, or a part): the Stripe Checkout page to send the customer to' },
  { method: 'GET', path: '/api/documents/invoice/{documentId}/payments', group: 'payments', handler: 'listPayments', caller: 'portal', permission: 'invoices:read', directLink: true, input: { path: docs.typedDocumentPath }, description: "An invoice's online payments and their progress" },
  { method: 'POST', path: '/api/webhooks/stripe', group: 'payments', handler: 'stripeWebhook', caller: 'webhook', description: 'Stripe events, verified by their signature: payments succeeded, failed, refunded, disputed' },
  { method: 'GET', path: '/api/admin/payment-settings', group: 'payments', handler: 'getPaymentSettings', caller: 'staff-or-api-key', description: "The tenant's online payment settings" },
  { method: 'PUT', path: '/api/admin/payment-settings', group: 'payments', handler: 'setPaymentSettings', caller: 'staff-or-api-key', input: { body: pay.paymentSettingsBody }, description: 'Online payments on or off; Stripe connected account, methods, part payments, bank accounts' },
  { method: 'GET', path: '/api/admin/documents/invoice/{documentId}/payments', group: 'payments', handler: 'listPaymentsAdmin', caller: 'staff-or-api-key', input: { path: docs.typedDocumentPath }, description: "An invoice's payments with what staff reconcile them by" },
] as const satisfies readonly RouteDefinition[];

export type Route = (typeof routes)[number];
export type RouteKey = `${Route['method']} ${Route['path']}`;

/** API Gateway route key, e.g. `GET /api/health`. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOfGroup = (group: RouteGroup): RouteDefinition[] => routes.filter((r) => r.group === group);

/** Groups that have at least one route; each becomes one Lambda function. */
export const activeGroups = (): RouteGroup[] => ROUTE_GROUPS.filter((g) => routes.some((r) => r.group === g));
