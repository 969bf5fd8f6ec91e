import type { Page } from 'playwright-core';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { DEMO_PORTAL_USER } from '../../infra/local/seed';
import { MODULE_LABELS, MODULES } from '../../shared/permissions';
import { signInThroughPage } from '../support/browserSignIn';
import { MODULE_PAGES } from '../../web/src/modules';
import { browserSuite, checkAtBothWidths, headingText, watchErrors } from './helpers';

// A real browser on a loaded 2-core machine: one retry, with the first failure logged, so a
// timing flake shows in the output without failing CI; a real fault fails both tries.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

/**
 * The menu offers only what exists: the demo customers, signed in for real, have modules
 * switched on (and permitted) whose pages are not built yet — Support, Knowledge base,
 * Projects for Brightline. Catalogue is built, and offered only when `GET /api/catalogue`
 * says the user has access (per company and contact). Every link the menu and the dashboard offer
 * must open a page; a module without pages is not offered, and its address is "page not
 * found".
 */
jest.setTimeout(120_000);

const suite = browserSuite();

async function signIn(slug: string): Promise<{ page: Page; errors: string[] }> {
  const context = await suite.context('desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInThroughPage(page, suite.stack, { email: DEMO_PORTAL_USER.email(slug), password: DEMO_PORTAL_USER.password }, slug);
  await headingText(page, 'Welcome, Pat');
  // The summary has loaded (its cards link to the lists).
  await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
  return { page, errors };
}

/** Whether `GET /api/catalogue` gives the signed-in user access (anything but a yes is a no, as for the menu). */
const catalogueAccess = (page: Page): Promise<boolean> =>
  page.evaluate(async () => {
    const res = await fetch('/api/catalogue', { headers: { accept: 'application/json' } });
    return res.ok && (await res.json()).access === true;
  });

const menuLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();

/** The site's own links (menu, dashboard cards, activity) on the page as it is. */
const internalLinks = (page: Page) =>
  page.locator('#site-menu a[href^="/"], main a[href^="/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))]);

describe.each(DEMO_TENANTS.map((t) => [t.slug, t] as const))('tenant %s', (slug, tenant) => {
  const unbuilt = tenant.modules.filter((m) => !MODULE_PAGES[m]);

  it('offers in its menu only the switched-on modules that have pages, at both widths', async () => {
    // The demo data is what makes this test mean something: modules on, pages not built.
    if (slug === 'demo') expect(unbuilt).toEqual(['tickets', 'knowledge-base', 'projects']);
    const { page, errors } = await signIn(slug);
    const withCatalogue = await catalogueAccess(page);
    // The menu asks the same question once; its answer is in when the item has (or has not) appeared.
    await page.waitForLoadState('networkidle');
    const offered = await menuLinks(page);
    expect(offered[0]).toBe('Dashboard');
    for (const m of unbuilt) expect(offered).not.toContain(MODULE_LABELS[m]);
    expect(offered.slice(1)).toEqual(
      MODULES.filter((m) => tenant.modules.includes(m) && MODULE_PAGES[m] && (m !== 'catalog' || withCatalogue)).map((m) => MODULE_LABELS[m]),
    );
    await checkAtBothWidths(page, `menu-${slug}-dashboard`, { errors });
  });

  it('opens a page behind every link of the menu and the dashboard', async () => {
    const { page, errors } = await signIn(slug);
    const links = await internalLinks(page);
    // Dashboard, My details, each built module's list, the cards' filtered lists, documents.
    expect(links.length).toBeGreaterThan(8);
    for (const href of links) {
      await page.goto(`${suite.stack.url(slug)}${href}`);
      // The page's own heading, not a loading placeholder's (those are for screen readers only).
      const heading = page.locator('h1:not(.visually-hidden)').first();
      await heading.waitFor();
      expect([href, (await heading.innerText()).trim()]).not.toEqual([href, 'Page not found']);
    }
    expect(errors).toEqual([]);
  });

  it('shows "page not found" at the address of a module without pages, which stays out of the menu', async () => {
    const { page, errors } = await signIn(slug);
    for (const m of unbuilt) {
      await page.goto(`${suite.stack.url(slug)}/${m}`);
      await headingText(page, 'Page not found');
      expect(await menuLinks(page)).not.toContain(MODULE_LABELS[m]);
      await expect(page.title()).resolves.toBe(`Page not found · ${tenant.name}`);
    }
    expect(errors).toEqual([]);
  });
});
