import { DOCUMENT_ID, MODULE_TYPES, documentArgs, listArgs, listQuery, type DocumentModule } from './documents/kinds';
import { startEarly } from './early';

/** The document pages load on demand, in one chunk for all six types (as modules.tsx loads them). */
const loadDocumentPages = () => import('./documents/DocumentsModule');

/** Other pages that load on demand, by their first path segment (as App.tsx loads them). */
const ON_DEMAND: Record<string, () => Promise<unknown>> = {
  account: () => import('./pages/AccountPage'),
  invitation: () => import('./pages/AcceptInvitationPage'),
  'reset-password': () => import('./pages/ResetPasswordPage'),
  d: () => import('./documents/DirectLinkPage'),
};

const isDocumentModule = (segment: string): segment is DocumentModule => Object.hasOwn(MODULE_TYPES, segment);

/** Pages that need no session: signing in, and a document opened from a direct link. */
const SIGNED_OUT = new Set(['login', 'forgot-password', 'reset-password', 'invitation', 'd']);

/**
 * What a full page load can start for its address before the app has rendered it, all at
 * once: the page's code when it loads on demand and, for a page behind the sign-in, the
 * session and the page's first reads. Hints only: every page still asks for what it needs
 * and takes an early answer only when it arrived fine (early.ts). Pages that need no
 * session read none of it (a direct link's visitor may have no account at all).
 */
export function startRoute(pathname: string, search: string): void {
  const [first = '', second, third, ...rest] = pathname.split('/').filter(Boolean);
  if (ON_DEMAND[first]) void ON_DEMAND[first]().catch(() => undefined);
  if (SIGNED_OUT.has(first)) return;
  startEarly('GET /api/me', {});
  if (first === '') {
    startEarly('GET /api/dashboard', {});
    return;
  }
  if (!isDocumentModule(first) || rest.length) return;
  void loadDocumentPages().catch(() => undefined);
  const type = MODULE_TYPES[first];
  if (second === undefined) {
    const { status, sort, q } = listQuery(type, new URLSearchParams(search));
    startEarly('GET /api/documents/{type}', listArgs(type, status, sort, q));
    return;
  }
  if (!DOCUMENT_ID.test(second) || (third !== undefined && third !== 'print')) return;
  const document = documentArgs(type, second);
  startEarly('GET /api/documents/{type}/{documentId}', document);
  if (third === 'print') return;
  if (type === 'invoice') startEarly('GET /api/documents/invoice/{documentId}/payments', { path: { documentId: second } });
  startEarly('GET /api/documents/{type}/{documentId}/messages', document);
}
