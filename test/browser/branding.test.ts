import type { Page } from 'playwright-core';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import type { MeResponse } from '../../shared/api/access';
import type { CatalogueAccess } from '../../shared/api/catalogue';
import type { DashboardView } from '../../shared/api/documents';
import { MODULE_LABELS, PERMISSION_MODULE, PERMISSIONS } from '../../shared/permissions';
import { MODULE_PAGES } from '../../web/src/modules';
import { fillSignIn } from '../support/browserSignIn';
import {
  VIEWPORTS,
  checkAtBothWidths,
  cssVariable,
  expectNoAxeViolations,
  headingText,
  browserSuite,
  screenshot,
  type ViewportName,
  expectCount,
} from './helpers';

// A real browser on a loaded 2-core machine: one retry, with the first failure logged, so a
// timing flake shows in the output without failing CI; a real fault fails both tries.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

/**
 * The site shell against the local runtime: one build, branded at run time by the Host's
 * tenant. Without a session /api/me answers 401 (signed out); the signed-in shell is
 * reached by stubbing /api/me in the browser (test/browser/access.test.ts signs in for real).
 */
jest.setTimeout(60_000);

const viewports = Object.keys(VIEWPORTS) as ViewportName[];
const suite = browserSuite();

async function open(viewport: ViewportName, url: string, setup?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await suite.context(viewport);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The site runs under the gateway's CSP; any violation would show up as a console error.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) errors.push(msg.text());
  });
  if (setup) await setup(page);
  await page.goto(url);
  // The app has rendered once a heading shows (a loading placeholder's heading is for screen readers only).
  await page.locator('h1:not(.visually-hidden)').first().waitFor();
  expect(errors).toEqual([]);
  return page;
}

const hexToRgb = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

/** A signed-in user of `tenant` who may use every module the tenant has switched on. */
const meOf = (tenant: (typeof DEMO_TENANTS)[number]): MeResponse => ({
  user: { id: 'u1', email: 'jo@example.com', firstName: 'Jo', lastName: 'Bloggs' },
  company: { id: 'c1', name: 'Bloggs Ltd', kind: 'customer' },
  permissions: PERMISSIONS.filter((p) => {
    const m = PERMISSION_MODULE[p];
    return !m || tenant.modules.includes(m);
  }),
  modules: tenant.modules,
  editableFields: ['name', 'phone', 'address', 'companyAddress'],
  signingPinSet: false,
});

/** The signed-in shell is reached by stubbing GET /api/me in the browser. */
const signedIn = (tenant: (typeof DEMO_TENANTS)[number]) => async (page: Page) => {
  await page.route('**/api/me', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(meOf(tenant)) }));
  // The catalogue is open to this user (its menu item shows when GET /api/catalogue says so).
  await page.route('**/api/catalogue', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        access: true,
        placeOrders: true,
        quoteRequests: true,
        pricesHidden: false,
        currency: 'GBP',
        payAtPurchase: { available: false, methods: [] },
      } satisfies CatalogueAccess),
    }),
  );
  // The dashboard's summary, with nothing pending (this file is about branding).
  await page.route('**/api/dashboard', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        outstanding: [],
        credits: [],
        overdue: { count: 0, items: [] },
        quotesAwaitingDecision: { count: 0, items: [] },
        ordersAwaitingSignature: { count: 0, items: [] },
        jobsAwaitingApproval: { count: 0, items: [] },
        unreadMessages: 0,
        recentActivity: [],
      } satisfies DashboardView),
    }),
  );
};

describe.each(DEMO_TENANTS.map((t) => [t.slug, t] as const))('tenant %s', (slug, tenant) => {
  it('shows its own branded sign-in page, with no axe violations at either width', async () => {
    // The home page needs a session; with none (/api/me → 401/404) it sends the visitor to /login.
    const page = await open('desktop', `${suite.stack.url(slug)}/`);
    await page.waitForURL(/\/login$/);

    await expect(page.title()).resolves.toBe(`Sign in · ${tenant.name}`);
    await headingText(page, 'Sign in to your account');
    await expect(page.getByText(tenant.name, { exact: true }).first().isVisible()).resolves.toBe(true);
    if (tenant.branding.tagline) await expect(page.getByText(tenant.branding.tagline).isVisible()).resolves.toBe(true);

    const logo = page.getByRole('img', { name: `${tenant.name} logo` });
    await expect(logo.getAttribute('src')).resolves.toBe(tenant.branding.logoUrl);
    await expect(logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    await expect(page.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe(tenant.branding.logoUrl);

    await expect(cssVariable(page, '--brand-primary')).resolves.toBe(tenant.branding.primaryColour);
    await expect(cssVariable(page, '--brand-accent')).resolves.toBe(tenant.branding.accentColour);
    const button = page.getByRole('button', { name: 'Sign in' });
    await expect(button.evaluate((b) => getComputedStyle(b).backgroundColor)).resolves.toBe(hexToRgb(tenant.branding.primaryColour));
    await expect(button.evaluate((b) => getComputedStyle(b).color)).resolves.toBe('rgb(255, 255, 255)');

    await expect(page.getByLabel('Email address').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Forgot password?' }).isVisible()).resolves.toBe(true);

    // The site-wide stylesheet comes before every area's own (vite.config.mts, siteStylesFirst),
    // which override its rules of equal specificity by coming after them.
    const linked = await page.evaluate(() => [...document.styleSheets].flatMap((s) => (s.href ? [new URL(s.href).pathname] : [])));
    expect(linked[0]).toMatch(/^\/assets\/site-[\w-]+\.css$/);
    expect(linked.length).toBeGreaterThan(1);

    await checkAtBothWidths(page, `${slug}-login`, { label: `${slug} /login` });
  });

  it.each(viewports)('shows the signed-in shell with its modules at %s width', async (viewport) => {
    const page = await open(viewport, `${suite.stack.url(slug)}/`, signedIn(tenant));
    await expect(page.title()).resolves.toBe(`Dashboard · ${tenant.name}`);
    await headingText(page, 'Welcome, Jo');
    await expect(page.getByRole('banner').getByText(tenant.name).isVisible()).resolves.toBe(true);

    const nav = page.getByRole('navigation', { name: 'Main' });
    const toggle = page.getByRole('button', { name: 'Menu' });
    if (viewport === 'phone') {
      await expect(nav.isVisible()).resolves.toBe(false);
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(toggle.getAttribute('aria-controls')).resolves.toBe('site-menu');
      await toggle.click();
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    } else {
      await expect(toggle.isVisible()).resolves.toBe(false);
    }
    // The tenant's modules that have pages (test/browser/menu.test.ts: no others are offered).
    const expected = ['Dashboard', ...tenant.modules.filter((m) => MODULE_PAGES[m]).map((m) => MODULE_LABELS[m])];
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(expected);
    await expect(nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).resolves.toBe('page');

    await expectNoAxeViolations(page, `${slug} shell at ${viewport}`);
    await screenshot(page, `${slug}-shell-${viewport}${viewport === 'phone' ? '-menu-open' : ''}`);

    if (viewport === 'phone') {
      await page.keyboard.press('Escape');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(nav.isVisible()).resolves.toBe(false);
    }
  });
});

describe('an unknown portal address', () => {
  it('shows the "couldn\'t find this portal" page, unbranded, at either width', async () => {
    const page = await open('desktop', `${suite.stack.url('nope')}/`);
    await headingText(page, "We couldn't find this portal");
    await expect(page.getByText(/may be mistyped/).isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toBe("We couldn't find this portal");
    await expectCount(page.getByRole('img'), 0);
    for (const t of DEMO_TENANTS) {
      await expectCount(page.getByText(t.name), 0);
      expect(await cssVariable(page, '--brand-primary')).not.toBe(t.branding.primaryColour);
    }
    await checkAtBothWidths(page, 'unknown-tenant', { label: 'unknown tenant' });
  });
});

describe('signed-out pages', () => {
  const demo = DEMO_TENANTS[0]!;

  it('sign-in shows the API problem when sign-in fails, and field errors, at either width', async () => {
    const page = await open('desktop', `${suite.stack.url(demo.slug)}/login`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email address').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('email');

    // Whatever the API answers to a failed sign-in, the page shows its problem's detail (or title).
    const res = await suite.stack.api(demo.slug, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
    });
    expect(res.ok).toBe(false);
    const problem = (await res.json()) as { title: string; detail?: string };

    await fillSignIn(page, 'nobody@example.com', 'not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('.form-error');
    await alert.getByText(problem.detail ?? problem.title).waitFor();
    await expect(alert.getAttribute('aria-live')).resolves.toBe('assertive');

    await checkAtBothWidths(page, `${demo.slug}-login-error`, { label: 'sign-in error' });
  });

  it('forgot-password and page-not-found pass axe at either width', async () => {
    const page = await open('desktop', `${suite.stack.url(demo.slug)}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await headingText(page, 'Reset your password');
    await expect(page.title()).resolves.toBe(`Reset your password · ${demo.name}`);
    await expect(page.getByLabel('Email address').isVisible()).resolves.toBe(true);
    await checkAtBothWidths(page, `${demo.slug}-forgot-password`, { label: 'forgot-password' });

    const missing = await open('desktop', `${suite.stack.url(demo.slug)}/no/such/page`);
    await headingText(missing, 'Page not found');
    await expect(missing.title()).resolves.toBe(`Page not found · ${demo.name}`);
    await checkAtBothWidths(missing, `${demo.slug}-not-found`, { label: 'not found' });
  });

  it('has a skip link to the main content', async () => {
    const page = await open('desktop', `${suite.stack.url(demo.slug)}/login`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((a) => a === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });
});
