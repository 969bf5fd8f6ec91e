import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BootSkeleton } from '../../web/src/components/BootSkeleton';
import { forgetEarly, readEarly, startEarly } from '../../web/src/early';
import { startRoute } from '../../web/src/routeStart';

describe('what a page load starts early', () => {
  const realFetch = global.fetch;
  let fetched: string[];
  let answers: Map<string, () => Response>;

  beforeEach(() => {
    fetched = [];
    answers = new Map();
    forgetEarly();
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      fetched.push(url);
      const answer = answers.get(url);
      return answer ? answer() : new Response(JSON.stringify({ url }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  });
  afterEach(() => {
    global.fetch = realFetch;
    forgetEarly();
  });

  it('starts the session, the page and its first reads for a page behind the sign-in', () => {
    startRoute('/', '');
    expect(fetched).toEqual(['/api/me', '/api/dashboard']);

    fetched.length = 0;
    forgetEarly();
    startRoute('/invoices', '?status=overdue&sort=oldest&q=%20INV-3');
    expect(fetched).toEqual(['/api/me', '/api/documents/invoice?status=overdue&sort=oldest&q=INV-3&limit=20']);

    fetched.length = 0;
    forgetEarly();
    startRoute('/quotes', '?status=not-a-filter');
    expect(fetched).toEqual(['/api/me', '/api/documents/quote?sort=newest&limit=20']);
  });

  it("starts an invoice's payments and messages with it, and only the document for its print view", () => {
    startRoute('/invoices/bl-inv-3108', '');
    expect(fetched).toEqual([
      '/api/me',
      '/api/documents/invoice/bl-inv-3108',
      '/api/documents/invoice/bl-inv-3108/payments',
      '/api/documents/invoice/bl-inv-3108/messages',
    ]);
    fetched.length = 0;
    forgetEarly();
    startRoute('/orders/so-1', '');
    expect(fetched).toEqual(['/api/me', '/api/documents/sales-order/so-1', '/api/documents/sales-order/so-1/messages']);
    fetched.length = 0;
    forgetEarly();
    startRoute('/jobs/job-1/print', '');
    expect(fetched).toEqual(['/api/me', '/api/documents/job/job-1']);
  });

  it('reads nothing for pages that need no session, nor for addresses that are not pages', () => {
    for (const path of ['/login', '/forgot-password', '/reset-password', '/invitation/abc', '/d/token']) startRoute(path, '');
    expect(fetched).toEqual([]);
    for (const path of ['/catalog', '/quotes/not%20an%20id', '/quotes/q-1/unknown', '/account']) {
      forgetEarly();
      startRoute(path, '');
    }
    expect(fetched).toEqual(['/api/me', '/api/me', '/api/me', '/api/me']);
  });

  it('answers the first read of a path from its early start, once; later reads ask again', async () => {
    startEarly('GET /api/dashboard', {});
    expect(fetched).toEqual(['/api/dashboard']);
    await expect(readEarly('GET /api/dashboard', {})).resolves.toEqual({ url: '/api/dashboard' });
    expect(fetched).toHaveLength(1);
    await expect(readEarly('GET /api/dashboard', {})).resolves.toEqual({ url: '/api/dashboard' });
    expect(fetched).toHaveLength(2);
  });

  it('asks afresh after an early 401 (the session check may have renewed the session since), and takes any other error as api.get would', async () => {
    const problem = (status: number) => () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'No', status, detail: `HTTP ${status}` }), {
        status,
        headers: { 'content-type': 'application/problem+json' },
      });
    answers.set('/api/documents/quote/q-1', problem(401));
    startEarly('GET /api/documents/{type}/{documentId}', { path: { type: 'quote', documentId: 'q-1' } });
    answers.set('/api/documents/quote/q-1', () => new Response('{"number":"Q-1"}', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(readEarly('GET /api/documents/{type}/{documentId}', { path: { type: 'quote', documentId: 'q-1' } })).resolves.toEqual({ number: 'Q-1' });
    expect(fetched).toEqual(['/api/documents/quote/q-1', '/api/documents/quote/q-1']);

    // Still 401 when asked afresh: api.get renews the session once and asks again.
    fetched.length = 0;
    answers.set('/api/me', problem(401));
    startEarly('GET /api/me', {});
    let meCalls = 0;
    answers.set('/api/me', () =>
      ++meCalls === 1 ? problem(401)() : new Response('{"user":{}}', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    await expect(readEarly('GET /api/me', {})).resolves.toEqual({ user: {} });
    expect(fetched).toEqual(['/api/me', '/api/me', '/api/auth/refresh', '/api/me']);

    fetched.length = 0;
    answers.set('/api/dashboard', problem(503));
    startEarly('GET /api/dashboard', {});
    await expect(readEarly('GET /api/dashboard', {})).rejects.toMatchObject({ status: 503, message: 'HTTP 503' });
    // The page shows the problem and offers a retry: no second call behind its back.
    expect(fetched).toEqual(['/api/dashboard']);
  });

  it('forgets early reads when the session changes, and does not use one that is no longer fresh', async () => {
    startEarly('GET /api/me', {});
    forgetEarly();
    await readEarly('GET /api/me', {});
    expect(fetched).toEqual(['/api/me', '/api/me']);

    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    startEarly('GET /api/dashboard', {});
    clock.mockReturnValue(now + 60_000);
    await readEarly('GET /api/dashboard', {});
    clock.mockRestore();
    expect(fetched).toEqual(['/api/me', '/api/me', '/api/dashboard', '/api/dashboard']);
  });
});

describe('the page before any script has run', () => {
  it('is the boot placeholder the app renders while it loads the tenant', () => {
    const html = readFileSync(resolve(__dirname, '../../web/index.html'), 'utf8');
    const root = /<div id="root">([\s\S]*?)<\/div>\s*<noscript>/.exec(html)![1]!;
    const normalise = (markup: string) =>
      markup
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/>\s+</g, '><')
        .replace(/\s*\/>/g, '>')
        .trim();
    expect(normalise(root)).toBe(normalise(renderToStaticMarkup(createElement(BootSkeleton, { label: 'Loading the portal…' }))));
    // Its status is written out: the first paint has something to read.
    expect(root).toMatch(/<p class="boot-status" role="status">Loading the portal…<\/p>/);
  });
});
