import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import type { InvitationInfo, MeResponse } from '../../shared/api/access';
import type { CatalogueAccess } from '../../shared/api/catalogue';
import type { DashboardView } from '../../shared/api/documents';
import { problemType, type ProblemSlug } from '../../shared/problem';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { fillSignIn, stubSignedInCookie } from '../support/browserSignIn';
import { VIEWPORTS, expectNoAxeViolations, headingText, browserSuite, shoot, watchErrors, type ViewportName, expectCount } from './helpers';

// A real browser on a loaded 2-core machine: one retry, with the first failure logged, so a
// timing flake shows in the output without failing CI; a real fault fails both tries.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

/**
 * The access pages of the site, each state of each page, with the API answers stubbed in
 * the browser (`page.route`) so every problem the contract names can be shown on demand:
 * invitation and reset-link problems, sign-in refusals, My Details with its field errors,
 * the account menu by keyboard, session expiry and an in-session deactivation.
 * The real flow, against the real API, is test/browser/access.test.ts.
 */
jest.setTimeout(90_000);

const viewports = Object.keys(VIEWPORTS) as ViewportName[];
const demo = DEMO_TENANTS[0]!;
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const suite = browserSuite();

const problem = (status: number, slug: ProblemSlug, detail: string, extra: Record<string, unknown> = {}) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ type: problemType(slug), title: slug, status, detail, ...extra }),
});
const json = (body: unknown, status = 200) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

const ME: MeResponse = {
  user: {
    id: 'u1',
    email: 'sam.taylor@example.com',
    firstName: 'Sam',
    lastName: 'Taylor',
    phone: '+44 20 7946 0000',
    address: { line1: '1 High Street', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
  },
  company: {
    id: 'c1',
    name: 'Taylor Signs Ltd',
    kind: 'customer',
    phone: '+44 113 496 0000',
    address: { line1: 'Unit 4, Canal Wharf', city: 'Leeds', postcode: 'LS11 5PS', country: 'GB' },
  },
  permissions: ['quotes:read', 'quotes:accept', 'orders:read', 'invoices:read', 'profile:write'],
  modules: ['quotes', 'orders', 'invoices', 'jobs'],
  editableFields: ['name', 'phone', 'address', 'companyAddress'],
  signingPinSet: false,
};

/** The dashboard's summary (GET /api/dashboard) with nothing pending: these tests are about access, not documents. */
const EMPTY_DASHBOARD: DashboardView = {
  credits: [],
  outstanding: [],
  overdue: { count: 0, items: [] },
  quotesAwaitingDecision: { count: 0, items: [] },
  ordersAwaitingSignature: { count: 0, items: [] },
  jobsAwaitingApproval: { count: 0, items: [] },
  unreadMessages: 0,
  recentActivity: [],
};

const INVITATION: InvitationInfo = {
  email: 'sam.taylor@example.com',
  firstName: 'Sam',
  companyName: 'Taylor Signs Ltd',
  expiresAt: '2031-05-12T14:05:00.000Z',
  passwordRules: { minLength: 12, requires: ['lowercase', 'uppercase', 'digit', 'symbol'] },
};

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

async function open(viewport: ViewportName, path: string, setup?: (page: Page, context: BrowserContext) => Promise<void>): Promise<Opened> {
  const context = await suite.context(viewport);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.route('**/api/dashboard', (r) => r.fulfill(json(EMPTY_DASHBOARD)));
  if (setup) await setup(page, context);
  await page.goto(suite.stack.url(demo.slug) + path);
  return { page, context, errors };
}

async function checked(o: Opened, label: string, shot: string, viewport: ViewportName) {
  await expectNoAxeViolations(o.page, label);
  await shoot(o.page, shot, viewport);
  expect(o.errors).toEqual([]);
}

/** A CSRF cookie as the API sets it after sign-in (readable by the page, not HttpOnly). */
const csrfCookie = (context: BrowserContext) => stubSignedInCookie(context, demo.slug);

describe('accept invitation page', () => {
  it.each(viewports)('shows who it is for, the policy as a live checklist, and signs in (%s)', async (viewport) => {
    let accepted: Request | undefined;
    let signedIn = false;
    const o = await open(viewport, `/invitation/${TOKEN}`, async (page, context) => {
      await csrfCookie(context);
      await page.route(`**/api/auth/invitations/${TOKEN}`, (r) => r.fulfill(json(INVITATION)));
      await page.route(`**/api/auth/invitations/${TOKEN}/accept`, (r) => {
        accepted = r.request();
        signedIn = true;
        return r.fulfill(json({ signedIn: true, expiresAt: '2031-01-01T00:00:00Z' }));
      });
      await page.route('**/api/me', (r) => r.fulfill(signedIn ? json(ME) : problem(401, 'unauthorized', 'Sign in first.')));
    });
    const { page } = o;
    await headingText(page, 'Welcome, Sam');
    await expect(page.title()).resolves.toBe(`Set up your account · ${demo.name}`);
    const summary = page.locator('.invite-summary');
    await expect(summary.innerText()).resolves.toMatch(/Sam[\s\S]*sam\.taylor@example\.com[\s\S]*Taylor Signs Ltd/);
    const rules = page.locator('.pw-rules li');
    await expect(rules.allInnerTexts()).resolves.toEqual(
      [
        'At least 12 characters (not yet)',
        'A lower-case letter (a–z) (not yet)',
        'An upper-case letter (A–Z) (not yet)',
        'A number (0–9) (not yet)',
        'A symbol, such as ! ? # or % (not yet)',
      ].map((t) => expect.stringContaining(t.replace(/ \(not yet\)$/, ''))),
    );

    const password = page.getByLabel('New password', { exact: true });
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''), describedBy);
    expect(described.join(' ')).toMatch(/At least 12 characters/);
    expect(described.join(' ')).toMatch(/Strength/);
    await expectCount(page.locator('.pw-help [aria-live="polite"]'), 1);

    // Weak: some rules met, the others not, and the meter says so.
    await password.fill('short1');
    await expectCount(page.locator('.pw-rules li.is-met'), 2);
    await expect(page.locator('.pw-strength-text').innerText()).resolves.toMatch(/Too weak/);
    await page.locator('.pw-help [aria-live="polite"]', { hasText: '2 of 5 requirements met' }).waitFor({ state: 'attached' });
    await shoot(page, 'invitation-typing', viewport);

    // Mismatched confirmation is caught before anything is sent.
    await password.fill('Bright-Sign-Pr1nting');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Bright-Sign-Pr1nting!');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText('The two passwords do not match').waitFor();
    expect(accepted).toBeUndefined();

    await page.getByLabel('Confirm new password', { exact: true }).fill('Bright-Sign-Pr1nting');
    await expectCount(page.locator('.pw-rules li.is-met'), 5);
    await expect(page.locator('.pw-strength-text').innerText()).resolves.toMatch(/Strong/);
    await page.getByText('Passwords match').waitFor();
    await checked(o, `invitation at ${viewport}`, 'invitation-password-set', viewport);

    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(`${suite.stack.url(demo.slug)}/`);
    await headingText(page, 'Welcome, Sam');
    expect(accepted?.postDataJSON()).toEqual({ password: 'Bright-Sign-Pr1nting' });
    expect(accepted?.headers()['x-csrf-token']).toBe('csrf-test-value');
    await page.getByText('Your password is set and you are signed in').waitFor();
    await checked(o, `dashboard after invitation at ${viewport}`, 'invitation-dashboard', viewport);
  });

  const cases: [string, number, ProblemSlug, RegExp, RegExp][] = [
    ['expired', 410, 'invitation-expired', /This invitation has expired/, new RegExp(`ask ${demo.name} to send you a new invitation`, 'i')],
    ['used', 410, 'invitation-used', /already been used/, /Sign in with your email address and password/],
    ['replaced', 410, 'invitation-replaced', /A newer invitation has been sent/, /most recent email/],
    ['invalid', 404, 'link-invalid', /This invitation link is not valid/, /send you a new invitation/],
    ['deactivated', 403, 'account-deactivated', /Your account has been deactivated/, new RegExp(`contact ${demo.name}`)],
    ['company-not-allowed', 403, 'company-not-allowed', /Your company does not have portal access/, new RegExp(`contact ${demo.name}`)],
    ['portal-disabled', 403, 'portal-disabled', /The portal is switched off/, /try again later/],
  ];
  // Each problem at one width, the widths taking turns: the explanation is one card whichever
  // the problem, so each width still sees it while the file loads half as many pages.
  it.each(cases.map((c, i) => [...c, viewports[i % viewports.length]!] as const))(
    'explains an invitation that is %s (%s, %s)',
    async (name, status, slug, title, next, viewport) => {
      const o = await open(viewport, `/invitation/${TOKEN}`, async (page) => {
        await page.route(`**/api/auth/invitations/${TOKEN}`, (r) => r.fulfill(problem(status, slug, 'Stubbed.')));
      });
      await headingText(o.page, title);
      await expect(o.page.locator('.auth-card').innerText()).resolves.toMatch(next);
      if (slug === 'invitation-used') await expect(o.page.getByRole('link', { name: 'Sign in', exact: true }).isVisible()).resolves.toBe(true);
      await checked(o, `invitation ${name} at ${viewport}`, `invitation-${name}`, viewport);
    },
  );

  it('says a malformed link is invalid without asking the API', async () => {
    let asked = false;
    const o = await open('phone', '/invitation/not-a-token', async (page) => {
      await page.route('**/api/auth/invitations/**', (r) => {
        asked = true;
        return r.fulfill(json(INVITATION));
      });
    });
    await headingText(o.page, 'This invitation link is not valid');
    expect(asked).toBe(false);
  });
});

describe('reset password page', () => {
  it.each(viewports)('sets a new password and signs in (%s)', async (viewport) => {
    let body: unknown;
    let signedIn = false;
    const o = await open(viewport, `/reset-password?token=${TOKEN}`, async (page) => {
      await page.route('**/api/auth/reset-password', (r) => {
        body = r.request().postDataJSON();
        signedIn = true;
        return r.fulfill(json({ signedIn: true, expiresAt: '2031-01-01T00:00:00Z' }));
      });
      await page.route('**/api/me', (r) => r.fulfill(signedIn ? json(ME) : problem(401, 'unauthorized', 'Sign in first.')));
    });
    const { page } = o;
    await headingText(page, 'Choose a new password');
    await page.getByLabel('New password', { exact: true }).fill('Another-Strong-Passw0rd');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Another-Strong-Passw0rd');
    await checked(o, `reset at ${viewport}`, 'reset-password', viewport);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL(`${suite.stack.url(demo.slug)}/`);
    await page.getByText('Your password has been changed').waitFor();
    expect(body).toEqual({ token: TOKEN, password: 'Another-Strong-Passw0rd' });
  });

  it.each([
    ['expired', 410, 'invitation-expired', /This reset link has expired/],
    ['used', 410, 'invitation-used', /This reset link has already been used/],
    ['invalid', 404, 'link-invalid', /This reset link is not valid/],
  ] as const)('explains a reset link that is %s', async (name, status, slug, title) => {
    const o = await open('phone', `/reset-password?token=${TOKEN}`, async (page) => {
      await page.route('**/api/auth/reset-password', (r) => r.fulfill(problem(status, slug, 'Stubbed.')));
    });
    await headingText(o.page, 'Choose a new password');
    await o.page.getByLabel('New password', { exact: true }).fill('Another-Strong-Passw0rd');
    await o.page.getByLabel('Confirm new password', { exact: true }).fill('Another-Strong-Passw0rd');
    await o.page.getByRole('button', { name: 'Save new password' }).click();
    await headingText(o.page, title);
    await expect(o.page.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).resolves.toBe('/forgot-password');
    await checked(o, `reset ${name}`, `reset-password-${name}`, 'phone');
  });

  it('says a link without a token is invalid', async () => {
    const o = await open('desktop', '/reset-password');
    await headingText(o.page, 'This reset link is not valid');
    await checked(o, 'reset without token', 'reset-password-no-token', 'desktop');
  });
});

describe('sign-in page', () => {
  const failWith = (response: Parameters<Route['fulfill']>[0]) => async (page: Page) => {
    await page.route('**/api/auth/login', (r) => r.fulfill(response));
  };
  async function signIn(page: Page) {
    await headingText(page, 'Sign in to your account');
    await fillSignIn(page, 'sam.taylor@example.com', 'Whatever-Passw0rd');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('shows a lock-out with the wait from Retry-After', async () => {
    const o = await open(
      'desktop',
      '/login',
      failWith({ ...problem(429, 'login-locked', 'Too many failed sign-ins for this account.'), headers: { 'retry-after': '900' } }),
    );
    await signIn(o.page);
    await o.page.locator('.form-error', { hasText: 'Too many failed sign-ins for this account. You can try again in 15 minutes.' }).waitFor();
    await checked(o, 'login locked', 'login-locked', 'desktop');
  });

  it.each([
    ['account-deactivated', /Your account has been deactivated/],
    ['portal-disabled', /The portal is switched off/],
    ['company-not-allowed', /Your company does not have portal access/],
  ] as const)('explains a %s refusal', async (slug, text) => {
    const o = await open('phone', '/login', failWith(problem(403, slug, 'Stubbed.')));
    await signIn(o.page);
    await o.page.locator('.form-error', { hasText: text }).waitFor();
    await expect(o.page.locator('.form-error').innerText()).resolves.toContain(demo.name);
    await checked(o, `login ${slug}`, `login-${slug}`, 'phone');
  });

  it('shows the invalid-credentials message and keeps the email', async () => {
    const o = await open('phone', '/login', failWith(problem(401, 'invalid-credentials', 'The email address or password is not right.')));
    await signIn(o.page);
    await o.page.locator('.form-error', { hasText: 'The email address or password is not right.' }).waitFor();
    await expect(o.page.getByLabel('Email address').inputValue()).resolves.toBe('sam.taylor@example.com');
    await expect(o.page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
  });
});

describe('signed in', () => {
  /** /api/me answers `me` until `state.refuse` or `state.expire` is set. */
  const session = (state: { me: MeResponse; expire?: boolean; refuse?: ProblemSlug; refreshed?: number }) => async (page: Page, context: BrowserContext) => {
    await csrfCookie(context);
    await page.route('**/api/me', (r) => {
      if (state.refuse) return r.fulfill(problem(403, state.refuse, 'Refused.'));
      if (state.expire) return r.fulfill(problem(401, 'unauthorized', 'Session expired.'));
      return r.fulfill(json(state.me));
    });
    await page.route('**/api/auth/refresh', (r) => {
      state.refreshed = (state.refreshed ?? 0) + 1;
      return r.fulfill(problem(401, 'unauthorized', 'No session.'));
    });
    await page.route('**/api/auth/logout', (r) => r.fulfill({ status: 204 }));
  };

  it.each(viewports)('My Details shows what can be edited, saves with the CSRF header and shows field errors (%s)', async (viewport) => {
    const me: MeResponse = { ...ME, editableFields: ['phone', 'companyAddress'] };
    const patches: Request[] = [];
    let failNext = true;
    const o = await open(viewport, '/account', async (page, context) => {
      await session({ me })(page, context);
      await page.route('**/api/me', (r) => {
        if (r.request().method() === 'PATCH') {
          patches.push(r.request());
          if (failNext) {
            failNext = false;
            return r.fulfill(
              problem(400, 'invalid-request', 'Check the highlighted fields.', {
                errors: [{ name: 'body.phone', reason: 'is not a phone number we can use' }],
              }),
            );
          }
          return r.fulfill(json({ ok: true }));
        }
        return r.fallback();
      });
      await page.route('**/api/me/company', (r) => {
        patches.push(r.request());
        return r.fulfill(json({ ok: true }));
      });
    });
    const { page } = o;
    await headingText(page, 'My details');
    await expect(page.title()).resolves.toBe(`My details · ${demo.name}`);
    // Name and the person's address are read-only here; phone and the company address are editable.
    await expectCount(page.getByLabel('First name'), 0);
    await expect(page.locator('dl').first().innerText()).resolves.toMatch(/Sam Taylor[\s\S]*sam\.taylor@example\.com[\s\S]*1 High Street/);
    await expect(page.getByLabel('Phone').inputValue()).resolves.toBe('+44 20 7946 0000');
    await expect(page.getByRole('group', { name: 'Company address' }).isVisible()).resolves.toBe(true);
    await checked(o, `my details at ${viewport}`, 'my-details-stub', viewport);

    await page.getByLabel('Phone').fill('+44 20 7946 0999');
    await page.getByRole('button', { name: 'Save my details' }).click();
    const phoneError = page.getByText('is not a phone number we can use');
    await phoneError.waitFor();
    await expect(page.getByLabel('Phone').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'phone');
    await checked(o, `my details error at ${viewport}`, 'my-details-field-error', viewport);

    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByRole('status').filter({ hasText: 'Your details have been saved.' }).waitFor();
    await expect(page.getByLabel('Phone').getAttribute('aria-invalid')).resolves.toBeNull();

    await page.getByLabel('Town or city').nth(0).fill('Bradford');
    await page.getByRole('button', { name: 'Save company address' }).click();
    await page.getByRole('status').filter({ hasText: "Your company's address has been saved." }).waitFor();

    expect(patches.map((p) => [p.method(), new URL(p.url()).pathname, p.postDataJSON(), p.headers()['x-csrf-token']])).toEqual([
      ['PATCH', '/api/me', { phone: '+44 20 7946 0999' }, 'csrf-test-value'],
      ['PATCH', '/api/me', { phone: '+44 20 7946 0999' }, 'csrf-test-value'],
      [
        'PATCH',
        '/api/me/company',
        { address: { line1: 'Unit 4, Canal Wharf', line2: '', city: 'Bradford', region: '', postcode: 'LS11 5PS', country: 'GB' } },
        'csrf-test-value',
      ],
    ]);
  });

  it('My Details is read-only without profile:write', async () => {
    const me: MeResponse = { ...ME, permissions: ['quotes:read'] };
    const o = await open('desktop', '/account', session({ me }));
    await headingText(o.page, 'My details');
    await expectCount(o.page.locator('input, select'), 0);
    await o.page.getByText(`kept up to date by ${demo.name}`).first().waitFor();
    await checked(o, 'my details read-only', 'my-details-read-only', 'desktop');
  });

  it('the account menu works by keyboard and signs out with the CSRF header', async () => {
    let logout: Request | undefined;
    const o = await open('desktop', '/', async (page, context) => {
      await session({ me: ME })(page, context);
      await page.route('**/api/auth/logout', (r) => {
        logout = r.request();
        return r.fulfill({ status: 204 });
      });
    });
    const { page } = o;
    await headingText(page, 'Welcome, Sam');
    const button = page.getByRole('button', { name: 'Sam Taylor' });
    await expect(button.getAttribute('aria-haspopup')).resolves.toBe('menu');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem').allInnerTexts()).resolves.toEqual(['My details', 'Sign out']);
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await expect(focused()).resolves.toBe('My details');
    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe('Sign out');
    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe('My details');
    await page.keyboard.press('End');
    await expect(focused()).resolves.toBe('Sign out');
    await expectNoAxeViolations(page, 'account menu open');
    await shoot(page, 'account-menu-open', 'desktop');
    await page.keyboard.press('Escape');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(button.evaluate((b) => b === document.activeElement)).resolves.toBe(true);

    await page.keyboard.press('ArrowDown');
    await expect(focused()).resolves.toBe('My details');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/account$/);
    await headingText(page, 'My details');

    await button.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('status').filter({ hasText: 'You have signed out' }).waitFor();
    expect(logout?.headers()['x-csrf-token']).toBe('csrf-test-value');
    expect(o.errors).toEqual([]);
  });

  it('shows only the modules the user holds a permission of', async () => {
    const me: MeResponse = { ...ME, permissions: ['quotes:read', 'orders:place', 'profile:write'], modules: ['quotes', 'orders', 'catalog'] };
    const o = await open('desktop', '/', async (page, context) => {
      await session({ me })(page, context);
      // The catalogue's own answer: closed to this contact (its settings, per company and contact).
      await page.route('**/api/catalogue', (r) =>
        r.fulfill(
          json({
            access: false,
            placeOrders: false,
            quoteRequests: false,
            pricesHidden: false,
            currency: 'GBP',
            payAtPurchase: { available: false, methods: [] },
          } satisfies CatalogueAccess),
        ),
      );
    });
    await headingText(o.page, 'Welcome, Sam');
    // orders:place belongs to the catalogue, not to Orders, so Orders does not show; nor does the
    // catalogue, which the tenant has switched on but GET /api/catalogue says is closed to them.
    await expect(o.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).resolves.toEqual(['Dashboard', 'Quotes']);
  });

  it('an expired session tries one refresh, then goes to sign-in and back afterwards', async () => {
    const state: { me: MeResponse; expire?: boolean; refreshed?: number } = { me: ME };
    const o = await open('desktop', '/', session(state));
    const { page } = o;
    await headingText(page, 'Welcome, Sam');
    state.expire = true;
    await page.getByRole('link', { name: 'View my details' }).click();
    await page.waitForURL(/\/login\?next=%2Faccount$/);
    await page.getByRole('status').filter({ hasText: 'Your session has expired' }).waitFor();
    expect(state.refreshed).toBe(1);
    await checked(o, 'session expired', 'session-expired', 'desktop');

    // Signing in again returns to the page the user was on.
    state.expire = false;
    await page.route('**/api/auth/login', (r) => r.fulfill(json({ signedIn: true, expiresAt: '2031-01-01T00:00:00Z' })));
    await fillSignIn(page, 'sam.taylor@example.com', 'Whatever-Passw0rd');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account$/);
    await headingText(page, 'My details');
  });

  it('a renewed session repeats the call and the user stays', async () => {
    let meCalls = 0;
    const o = await open('desktop', '/', async (page, context) => {
      await csrfCookie(context);
      await page.route('**/api/me', (r) => {
        meCalls += 1;
        // The second call (on navigation) finds the ID token expired; after the refresh it works again.
        return r.fulfill(meCalls === 2 ? problem(401, 'unauthorized', 'Expired.') : json(ME));
      });
      await page.route('**/api/auth/refresh', (r) => r.fulfill(json({ signedIn: true, expiresAt: '2031-01-01T00:00:00Z' })));
    });
    await headingText(o.page, 'Welcome, Sam');
    await o.page.getByRole('link', { name: 'View my details' }).click();
    await headingText(o.page, 'My details');
    await o.page.waitForTimeout(300);
    expect(meCalls).toBe(3);
    await expect(o.page.url()).toMatch(/\/account$/);
  });

  it.each(viewports)('a deactivation shows at the next navigation (%s)', async (viewport) => {
    const state: { me: MeResponse; refuse?: ProblemSlug } = { me: ME };
    const o = await open(viewport, '/', session(state));
    const { page } = o;
    await headingText(page, 'Welcome, Sam');
    state.refuse = 'account-deactivated';
    if (viewport === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quotes' }).click();
    await headingText(page, 'Your account has been deactivated');
    await expect(page.getByRole('link', { name: 'Back to sign in' }).isVisible()).resolves.toBe(true);
    await checked(o, `deactivated in session at ${viewport}`, 'deactivated-in-session-stub', viewport);
  });
});
