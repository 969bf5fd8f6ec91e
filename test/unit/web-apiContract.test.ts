import { methodOf, urlOf, type CallArgs, type ReplyOf } from '../../web/src/apiContract';
import type { DocumentView } from '../../shared/api/documents';

describe("the site's calls, typed from the route table", () => {
  it('puts each path parameter in its place, URI-encoded', () => {
    expect(urlOf('GET /api/documents/{type}/{documentId}', { path: { type: 'sales-order', documentId: 'so 1/2' } })).toBe(
      '/api/documents/sales-order/so%201%2F2',
    );
    expect(urlOf('POST /api/auth/invitations/{token}/accept', { path: { token: 'a_b-c' }, body: { password: 'x' } })).toBe(
      '/api/auth/invitations/a_b-c/accept',
    );
  });

  it('adds the query values that are set, and no question mark without any', () => {
    expect(urlOf('GET /api/documents/{type}', { path: { type: 'invoice' }, query: { status: 'overdue', sort: 'oldest', q: undefined, cursor: '' } })).toBe(
      '/api/documents/invoice?status=overdue&sort=oldest',
    );
    expect(urlOf('GET /api/documents/{type}', { path: { type: 'invoice' } })).toBe('/api/documents/invoice');
    expect(urlOf('GET /api/me', {})).toBe('/api/me');
  });

  it('names the method of a route key', () => {
    expect(methodOf('PATCH /api/me/company')).toBe('PATCH');
  });

  it('refuses, at compile time, what the route table does not allow (npm test typechecks this file)', () => {
    // Never run: what matters is that each line below fails to compile.
    const wrongCalls = () => [
      // @ts-expect-error: the admin API is not the site's
      urlOf('GET /api/admin/companies', {}),
      // @ts-expect-error: no such route
      urlOf('GET /api/nowhere', {}),
      // @ts-expect-error: a document path needs its id
      urlOf('GET /api/documents/{type}/{documentId}', { path: { type: 'quote' } }),
      // @ts-expect-error: not a document type
      urlOf('GET /api/documents/{type}', { path: { type: 'letter' } }),
    ];
    expect(typeof wrongCalls).toBe('function');
    const reply: ReplyOf<'POST /api/documents/quote/{documentId}/accept'> = {} as DocumentView;
    const body: CallArgs<'POST /api/documents/quote/{documentId}/reject'>['body'] = { reason: 'Too dear' };
    // @ts-expect-error: rejecting needs a reason
    const noReason: CallArgs<'POST /api/documents/quote/{documentId}/reject'>['body'] = {};
    expect([reply, body, noReason]).toHaveLength(3);
    expect(() => urlOf('GET /api/documents/{type}/{documentId}', { path: { type: 'quote' } } as never)).toThrow('no value for {documentId}');
  });
});
