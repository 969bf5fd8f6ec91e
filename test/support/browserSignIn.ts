import type { BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from './portalAccess';
import type { TestStack } from './stack';

/**
 * How browser tests sign in, in one place: through the site's own login page (the real
 * form, the real API and its cookies), or, where a test stubs the API, with the one cookie
 * the page itself reads. (`signInAs` in `portalAccess` is the API's sign-in, for a jar.)
 */

/** Who signs in: a test user (password {@link PASSWORD} unless given) or a seeded login. */
export interface BrowserUser {
  email: string;
  password?: string;
}

/** Fills the sign-in form of the page as it is, without sending it (tests of the form itself send it their own way). */
export async function fillSignIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

/**
 * Signs `user` in on the login page of `slug`'s site and waits until the site has taken
 * them to the dashboard, signed in (its session in HttpOnly cookies of the context).
 */
export async function signInThroughPage(page: Page, stack: TestStack, user: BrowserUser, slug = 'demo'): Promise<void> {
  await page.goto(`${stack.url(slug)}/login`);
  await page.locator('h1:visible', { hasText: 'Sign in to your account' }).first().waitFor();
  await fillSignIn(page, user.email, user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.url(slug)}/`);
}

/**
 * For pages whose API a test stubs: the CSRF cookie as the API sets it after sign-in
 * (readable by the page, not HttpOnly), the only cookie the site reads itself. The stubbed
 * API answers for the session.
 */
export function stubSignedInCookie(context: BrowserContext, slug: string): Promise<void> {
  return context.addCookies([{ name: 'portico_csrf', value: 'csrf-test-value', domain: `${slug}.localhost`, path: '/', httpOnly: false, sameSite: 'Lax' }]);
}
