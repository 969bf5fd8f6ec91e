import { invitationMessage, linkProblemOf, resetLinkMessage } from '../../web/src/linkMessages';
import { refusalMessage } from '../../web/src/accessMessages';
import {
  ApiError,
  call,
  errorSentence,
  fieldErrors,
  parseRetryAfter,
  problemSlug,
  readCookie,
  setSessionListener,
  waitPhrase,
  type SessionEvent,
} from '../../web/src/api';
import { BUILT_MODULES, MODULE_PAGES, navItems, offeredModules } from '../../web/src/modules';
import { MODULES, PERMISSIONS } from '../../shared/permissions';
import { validateNewPassword } from '../../web/src/components/NewPassword';
import { checkPassword, passwordRules, DEFAULT_POLICY } from '../../web/src/password';
import { addressBody } from '../../web/src/pages/AccountPage';
import { returnTo, safeReturnPath } from '../../web/src/pages/LoginPage';
import { loginPath } from '../../web/src/session';
import { COUNTRY_CODES, countries } from '../../web/src/countries';
import { problemType } from '../../shared/problem';
import { PASSWORD_RULES, password as passwordSchema } from '../../shared/api/common';

describe('password policy on the site', () => {
  const rules = passwordRules();

  it('states the API policy as a checklist: the length first, then each requirement', () => {
    expect(rules.map((r) => r.label)).toEqual([
      `At least ${PASSWORD_RULES.minLength} characters`,
      'A lower-case letter (a–z)',
      'An upper-case letter (A–Z)',
      'A number (0–9)',
      'A symbol, such as ! ? # or %',
    ]);
  });

  it('reads an invitation policy in whatever words it names the requirements', () => {
    const named = passwordRules({ minLength: 14, requires: ['Lowercase letters', 'UPPERCASE', 'numbers', 'special characters', 'no spaces'] });
    expect(named.map((r) => r.id)).toEqual(['length', 'lowercase', 'uppercase', 'digit', 'symbol', 'other-5']);
    expect(named[0]!.label).toBe('At least 14 characters');
    // A requirement the site cannot check is still shown, not ticked.
    expect(named[5]!.label).toBe('No spaces');
    expect(named[5]!.test).toBeUndefined();
    const check = checkPassword('Abcdefgh1!xyzq', named);
    expect(check.results.map((r) => r.met)).toEqual([true, true, true, true, true, undefined]);
    expect(check.allMet).toBe(true);
  });

  it('agrees with the API schema on what passes', () => {
    for (const candidate of ['short1A!', 'alllowercase1!', 'ALLUPPERCASE1!', 'NoDigitsHere!!', 'NoSymbols12345', 'Good-Enough-42', `${'x'.repeat(300)}A1!`]) {
      const site = checkPassword(candidate, rules, [], DEFAULT_POLICY.maxLength).allMet;
      expect([candidate, site]).toEqual([candidate, passwordSchema.safeParse(candidate).success]);
    }
  });

  it('rates strength: too weak until the rules pass, then fair, good or strong', () => {
    expect(checkPassword('', rules)).toMatchObject({ level: 0, label: '' });
    expect(checkPassword('abc', rules)).toMatchObject({ level: 1, label: 'Too weak', metCount: 1, checkableCount: 5 });
    expect(checkPassword('Password123!', rules)).toMatchObject({ level: 2, label: 'Fair' });
    expect(checkPassword('Robin-Harbour-9', rules, ['Robin'])).toMatchObject({ level: 2 });
    expect(checkPassword('Kettle-Moon-9x', rules)).toMatchObject({ level: 3, label: 'Good' });
    expect(checkPassword('Kettle-Moon-River-9x', rules)).toMatchObject({ level: 4, label: 'Strong' });
  });

  it('validates a new password and its confirmation before sending', () => {
    expect(validateNewPassword('', '')).toEqual({ password: 'Choose a password', confirm: 'Type the password again to confirm it' });
    expect(validateNewPassword('abc', 'abc').password).toBe('The password still needs: at least 12 characters, an upper-case letter, a number, a symbol');
    expect(validateNewPassword('Kettle-Moon-9x', 'Kettle-Moon-9y')).toEqual({ confirm: 'The two passwords do not match' });
    expect(validateNewPassword('Kettle-Moon-9x', 'Kettle-Moon-9x')).toEqual({});
  });
});

describe('problems the site reacts to', () => {
  const err = (slug: string, status: number) => new ApiError({ type: problemType(slug as never), title: slug, status });

  it('reads the slug of our problem types only', () => {
    expect(problemSlug(err('login-locked', 429))).toBe('login-locked');
    expect(problemSlug(new ApiError({ type: 'about:blank', title: 'x', status: 500 }))).toBeUndefined();
    expect(problemSlug(new Error('x'))).toBeUndefined();
  });

  it('maps link problems, and treats a malformed or unknown token as an invalid link', () => {
    expect(linkProblemOf('invitation-expired')).toBe('expired');
    expect(linkProblemOf('invitation-used')).toBe('used');
    expect(linkProblemOf('invitation-replaced')).toBe('replaced');
    expect(linkProblemOf('link-invalid')).toBe('invalid');
    expect(linkProblemOf('invalid-request', 400)).toBe('invalid');
    expect(linkProblemOf('not-found', 404)).toBe('invalid');
    expect(linkProblemOf('internal-error', 500)).toBeUndefined();
  });

  it('says what to do next, naming the tenant', () => {
    expect(invitationMessage('expired', 'Acme').next).toBe('Please ask Acme to send you a new invitation.');
    expect(invitationMessage('used', 'Acme').next).toMatch(/^Sign in/);
    expect(resetLinkMessage('expired').next).toMatch(/Request a new link/);
    expect(refusalMessage('account-deactivated', 'Acme').title).toBe('Your account has been deactivated');
    expect(refusalMessage('company-not-allowed', 'Acme', 'Bloggs Ltd').lead).toContain('Bloggs Ltd');
    expect(refusalMessage('portal-disabled', 'Acme').next).toContain('Acme');
  });

  it('turns Retry-After into a wait a person understands', () => {
    expect(parseRetryAfter('900')).toBe(900);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(600);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(waitPhrase(10)).toBe('a few seconds');
    expect(waitPhrase(60)).toBe('about a minute');
    expect(waitPhrase(900)).toBe('15 minutes');
    expect(waitPhrase(3 * 3600)).toBe('about 3 hours');
  });

  it('writes field errors as sentences and keeps nested names', () => {
    expect(errorSentence('Phone', 'may hold digits, spaces, +, - and brackets only')).toBe('Phone may hold digits, spaces, +, - and brackets only');
    expect(errorSentence('Phone', 'Enter a phone number')).toBe('Enter a phone number');
    expect(errorSentence('Phone', undefined)).toBeUndefined();
    const e = new ApiError({
      type: problemType('invalid-request'),
      title: 'Invalid',
      status: 400,
      errors: [
        { name: 'body.address.city', reason: 'is too long' },
        { name: 'body.phone', reason: 'bad' },
      ],
    });
    expect(fieldErrors(e)).toEqual({ 'address.city': 'is too long', phone: 'bad' });
  });
});

describe('session plumbing of the API client', () => {
  const realFetch = global.fetch;
  const realDocument = (global as { document?: unknown }).document;
  const events: SessionEvent[] = [];
  let calls: { method: string; url: string; headers: Record<string, string>; body?: string }[];

  beforeEach(() => {
    calls = [];
    events.length = 0;
    setSessionListener((e) => events.push(e));
    (global as { document?: unknown }).document = { cookie: 'theme=dark; portico_csrf=tok%3D123; other=1' };
  });
  afterEach(() => {
    global.fetch = realFetch;
    setSessionListener(undefined);
    (global as { document?: unknown }).document = realDocument;
  });

  /** A fetch that answers from a list of [method path] → responses, in order per key. */
  function fake(answers: Record<string, (() => Response)[]>) {
    global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      calls.push({ method, url, headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body as string | undefined });
      const next = answers[`${method} ${url}`]?.shift();
      if (!next) throw new Error(`unexpected ${method} ${url}`);
      return next();
    }) as typeof fetch;
  }
  const problem = (status: number, slug: string) => () =>
    new Response(JSON.stringify({ type: problemType(slug as never), title: slug, status }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    });
  const ok = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

  it('reads the CSRF cookie and sends it on state-changing calls only', async () => {
    expect(readCookie('portico_csrf', 'a=1; portico_csrf=tok%3D123')).toBe('tok=123');
    fake({ 'GET /api/me': [ok({})], 'PATCH /api/me': [ok({})], 'POST /api/auth/logout': [() => new Response(null, { status: 204 })] });
    await call('GET /api/me', {});
    await call('PATCH /api/me', { body: { phone: '1' } });
    await call('POST /api/auth/logout', {});
    expect(calls.map((c) => [c.method, c.headers['x-csrf-token'], c.body])).toEqual([
      ['GET', undefined, undefined],
      ['PATCH', 'tok=123', '{"phone":"1"}'],
      ['POST', 'tok=123', undefined],
    ]);
  });

  it('renews an expired session once and repeats the call', async () => {
    fake({ 'GET /api/me': [problem(401, 'unauthorized'), ok({ user: 1 })], 'POST /api/auth/refresh': [ok({ signedIn: true })] });
    await expect(call('GET /api/me', {})).resolves.toEqual({ user: 1 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
    expect(events).toEqual([]);
  });

  it('shares one renewal between concurrent calls', async () => {
    fake({
      'GET /api/me': [problem(401, 'unauthorized'), ok({ a: 1 })],
      'GET /api/dashboard': [problem(401, 'unauthorized'), ok({ b: 2 })],
      'POST /api/auth/refresh': [ok({ signedIn: true })],
    });
    await expect(Promise.all([call('GET /api/me', {}), call('GET /api/dashboard', {})])).resolves.toEqual([{ a: 1 }, { b: 2 }]);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('reports an expired session when the renewal fails', async () => {
    fake({ 'GET /api/me': [problem(401, 'unauthorized')], 'POST /api/auth/refresh': [problem(401, 'unauthorized')] });
    await expect(call('GET /api/me', {})).rejects.toMatchObject({ status: 401 });
    expect(events).toEqual([{ kind: 'expired' }]);
  });

  it('reports a refusal (deactivated) wherever it comes from', async () => {
    fake({ 'PATCH /api/me': [problem(403, 'account-deactivated')] });
    await expect(call('PATCH /api/me', { body: { phone: '1' } })).rejects.toBeInstanceOf(ApiError);
    expect(events).toEqual([{ kind: 'refused', problem: expect.objectContaining({ type: problemType('account-deactivated') }) }]);
  });

  it('leaves the sign-in routes to their pages', async () => {
    fake({ 'POST /api/auth/login': [problem(401, 'invalid-credentials')] });
    await expect(call('POST /api/auth/login', { body: { email: 'a@b.c', password: 'x' } })).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('keeps the Retry-After of a refusal', async () => {
    fake({
      'POST /api/auth/login': [
        () =>
          new Response(JSON.stringify({ type: problemType('login-locked'), title: 'Locked', status: 429 }), {
            status: 429,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '120' },
          }),
      ],
    });
    const err = (await call('POST /api/auth/login', { body: { email: 'a@b.c', password: 'x' } }).catch((e: unknown) => e)) as ApiError;
    expect(err.retryAfter).toBe(120);
  });
});

describe('navigation and return paths', () => {
  it('shows a module only when the tenant, the company and a permission all allow it', () => {
    const items = navItems(['quotes', 'orders', 'invoices', 'jobs'], ['quotes:read', 'orders:read', 'jobs:read'], ['quotes', 'jobs']);
    expect(items.map((i) => i.label)).toEqual(['Dashboard', 'Quotes', 'Jobs']);
  });

  it('offers only modules the site has pages for, however much the tenant and the user may use', () => {
    const everything = navItems(MODULES, PERMISSIONS, MODULES);
    for (const item of everything.slice(1)) expect([item.label, MODULE_PAGES[item.module!]]).toEqual([item.label, expect.any(Function)]);
    expect(everything.map((i) => i.module).slice(1)).toEqual(BUILT_MODULES);
    expect(offeredModules(MODULES, PERMISSIONS, MODULES)).toEqual(BUILT_MODULES);
    // Today: the six document modules and the catalogue; support, knowledge base and projects have no pages yet.
    expect(BUILT_MODULES).toEqual(['quotes', 'orders', 'invoices', 'jobs', 'purchase-orders', 'supplier-bills', 'catalog']);
    expect(navItems(['tickets', 'knowledge-base', 'projects'], PERMISSIONS, MODULES)).toEqual([{ to: '/', label: 'Dashboard' }]);
  });

  it('returns only to paths of this site, never to the sign-in pages', () => {
    expect(safeReturnPath('/account')).toBe('/account');
    expect(safeReturnPath('/quotes/Q-1?tab=lines#top')).toBe('/quotes/Q-1?tab=lines#top');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/login?next=/x',
      '/invitation/abc',
      '/reset-password?token=x',
      42,
      undefined,
    ]) {
      expect(safeReturnPath(bad)).toBeUndefined();
    }
    expect(returnTo(new URLSearchParams('next=%2Faccount'), null)).toBe('/account');
    expect(returnTo(new URLSearchParams('next=%2F%2Fevil'), { from: '/invoices' })).toBe('/invoices');
    expect(returnTo(new URLSearchParams(''), null)).toBe('/');
    expect(loginPath('/account?x=1')).toBe('/login?next=%2Faccount%3Fx%3D1');
    expect(loginPath('/')).toBe('/login');
  });
});

describe('My Details', () => {
  it('sends an address as the API takes it: trimmed, empty lines cleared, no empty country', () => {
    expect(addressBody({ line1: ' 1 High St ', line2: '', city: 'Leeds', region: '', postcode: 'LS1 1AA ', country: '' })).toEqual({
      line1: '1 High St',
      line2: '',
      city: 'Leeds',
      region: '',
      postcode: 'LS1 1AA',
    });
    expect(addressBody({ line1: '', line2: '', city: '', region: '', postcode: '', country: 'gb' }).country).toBe('GB');
  });

  it('offers every ISO 3166 country by name', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(countries().find((c) => c.code === 'GB')?.name).toBe('United Kingdom');
  });
});
