import { Route, Routes, useParams } from 'react-router';
import { LockIcon } from '../components/Icons';
import { NotFoundContent } from '../pages/NotFoundPage';
import { useMe } from '../session';
import { usePageTitle, useTenant } from '../tenant';
import { DocumentDetail } from './DocumentDetail';
import { DocumentListPage } from './DocumentListPage';
import { DOCUMENT_ID, DOCUMENT_KINDS, pluralNoun, type DocumentType } from './kinds';
import { PrintView } from './PrintView';

function NoAccess({ type }: { type: DocumentType }) {
  const tenant = useTenant();
  usePageTitle(DOCUMENT_KINDS[type].plural);
  return (
    <div className="page">
      <div className="card empty-state">
        <div className="status-icon">
          <LockIcon />
        </div>
        <h1>{DOCUMENT_KINDS[type].plural}</h1>
        <p>
          Your account cannot see {pluralNoun(type)}. If you need to, ask {tenant.name} to give you access.
        </p>
      </div>
    </div>
  );
}

function Detail({ type, print }: { type: DocumentType; print?: boolean }) {
  const { documentId = '' } = useParams();
  if (!DOCUMENT_ID.test(documentId)) return <NotFoundContent />;
  return print ? (
    <PrintView key={documentId} type={type} documentId={documentId} />
  ) : (
    <DocumentDetail key={documentId} type={type} documentId={documentId} mode="portal" />
  );
}

/** A document module's pages (loaded on demand): `/quotes`, `/quotes/<id>`, `/quotes/<id>/print`. */
export default function DocumentsModule({ type }: { type: DocumentType }) {
  const me = useMe();
  if (!me.permissions.includes(DOCUMENT_KINDS[type].read)) return <NoAccess type={type} />;
  return (
    <Routes>
      <Route index element={<DocumentListPage type={type} />} />
      <Route path=":documentId" element={<Detail type={type} />} />
      <Route path=":documentId/print" element={<Detail type={type} print />} />
      <Route path="*" element={<NotFoundContent />} />
    </Routes>
  );
}
