import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { demoApiKey } from '../../infra/local/seed';
import { fillSignIn } from '../support/browserSignIn';
import { requestWithHost, startTestStack, type TestStack } from '../support/stack';
import { checkAtBothWidths, expectNoAxeViolations, launchBrowser, newContext, screenshot, watchErrors } from './helpers';

// A real browser on a loaded 2-core machine: one retry, with the first failure logged, so a
// timing flake shows in the output without failing CI; a real fault fails both tries.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

/**
 * The end-to-end flow on the real local stack, nothing stubbed: staff (the
 * tenant's CRM, with its API key) let a company in and invite a contact → the email
 * arrives in the local mailbox → its link opens in Chromium → the password is set → the
 * user lands on the portal signed in → My Details → signs out → resets the password by
 * emailed link → signs in again → staff deactivate the user → the same browser session
 * is refused at its next step, and signing in again is refused too.
 * Every page is checked with axe and photographed at phone and desktop widths.
 */
jest.setTimeout(240_000);

const demo = DEMO_TENANTS.find((t) => t.slug === 'demo')!;
const API_KEY = demoApiKey(demo.id).key;
const LINK_TOKEN = '[A-Za-z0-9_-]{43}';

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  context = await newContext(browser, 'desktop');
  page = await context.newPage();
  errors = watchErrors(page);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
}, 60_000);

// ---------- Staff side: the admin API with the tenant's CRM key, from Node ----------

interface Call {
  status: number;
  body: any;
}

async function admin(method: string, path: string, body?: unknown): Promise<Call> {
  const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await requestWithHost(stack.port, `${demo.slug}.localhost:${stack.port}`, path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: res.status, body: parsed };
}

function expectStatus(call: Call, status: number, what: string) {
  if (call.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${call.status}: ${JSON.stringify(call.body)}`);
}

async function invitedContact(label: string) {
  const company = await admin('POST', '/api/admin/companies', { name: `Fairweather Signs ${label}`, kind: 'customer', allowPortal: true });
  expectStatus(company, 201, 'create company');
  const email = `robin.${label}-${randomUUID().slice(0, 8)}@example.com`;
  const contact = await admin('POST', '/api/admin/contacts', {
    companyId: company.body.companyId,
    firstName: 'Robin',
    lastName: 'Fairweather',
    email,
  });
  expectStatus(contact, 201, 'create contact');
  return { companyId: company.body.companyId as string, contactId: contact.body.contactId as string, email, companyName: `Fairweather Signs ${label}` };
}

const invite = (contactId: string) => admin('POST', `/api/admin/contacts/${contactId}/portal-login`, { teams: ['customer-portal-users'] });

// ---------- The local mailbox (aws-ses-v2-local) ----------

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
}

/** Polls the mailbox until `count` mails to `address` are there; returns them, oldest first. */
async function mailsTo(address: string, count = 1, timeoutMs = 30_000): Promise<StoredMail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const store = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: StoredMail[] };
    const mine = store.emails.filter((m) => m.destination.to.includes(address));
    if (mine.length >= count) return mine;
    if (Date.now() > until) throw new Error(`no mail (${mine.length} of ${count}) to ${address} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The link to `path` in a mail: from the text part, else the html's href. */
function linkIn(mail: StoredMail, path: 'invitation' | 'reset-password'): string {
  const pattern =
    path === 'invitation'
      ? new RegExp(`https?://[^\\s"'<>]+/invitation/${LINK_TOKEN}`)
      : new RegExp(`https?://[^\\s"'<>]+/reset-password\\?token=${LINK_TOKEN}`);
  const found = pattern.exec(mail.body.text ?? '')?.[0] ?? pattern.exec((mail.body.html ?? '').replace(/&amp;/g, '&'))?.[0];
  if (!found) throw new Error(`no ${path} link in mail "${mail.subject}":\n${mail.body.text ?? mail.body.html}`);
  return found;
}

// ---------- The browser ----------

const shots: string[] = [];

/** axe, then a screenshot at desktop and at phone width (same page, resized), back to desktop. */
async function checkPage(name: string) {
  shots.push(...(await checkAtBothWidths(page, `e2e-${name}`, { label: name, errors })));
}

const heading = (text: string | RegExp) => page.locator('h1', { hasText: text }).first().waitFor();

/**
 * The dashboard has loaded its summary: a switch staff flip after this is met by the
 * test's next click, not by that request still in flight.
 */
const dashboardLoaded = () => page.getByRole('heading', { name: 'Recent activity' }).waitFor();

async function openAccountMenu() {
  const button = page.locator('.account-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.getByRole('menu');
}

async function signIn(email: string, password: string) {
  await heading('Sign in to your account');
  await fillSignIn(page, email, password);
}

async function choosePassword(password: string) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password', { exact: true }).fill(password);
  await page.getByText('Passwords match').waitFor();
}

describe('portal access, end to end', () => {
  const first = 'Harbour-Lights-42!';
  const second = 'Second-Tide-Coming-7?';
  let person: Awaited<ReturnType<typeof invitedContact>>;
  let invitationLink: string;

  it('staff invite a contact and the branded email arrives with a link on the tenant host', async () => {
    person = await invitedContact('e2e');
    const invited = await invite(person.contactId);
    expectStatus(invited, 201, 'invite');
    const [mail] = await mailsTo(person.email);
    expect(mail!.subject).toContain(demo.name);
    invitationLink = linkIn(mail!, 'invitation');
    expect(new URL(invitationLink).host).toBe(`${demo.slug}.localhost:${stack.port}`);
  });

  it('the invitation page says who it is for and states the password policy', async () => {
    await page.goto(invitationLink);
    await heading('Welcome, Robin');
    await expect(page.title()).resolves.toBe(`Set up your account · ${demo.name}`);
    const summary = await page.locator('.invite-summary').innerText();
    expect(summary).toContain('Robin');
    expect(summary).toContain(person.email);
    expect(summary).toContain(person.companyName);
    await expect(page.locator('.pw-rules li').first().innerText()).resolves.toMatch(/At least 12 characters/);
    await checkPage('invitation');
  });

  it('sets the password and lands on the dashboard signed in', async () => {
    await choosePassword(first);
    await expect(page.locator('.pw-rules li.is-met').count()).resolves.toBe(await page.locator('.pw-rules li').count());
    await checkPage('password-set');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(`${stack.url(demo.slug)}/`);
    await heading('Welcome, Robin');
    await page.getByText('Your password is set and you are signed in').waitFor();
    await expect(page.locator('.account-button').innerText()).resolves.toContain('Robin Fairweather');
    // The session is in HttpOnly cookies; only the CSRF cookie is readable by the page.
    const cookies = await context.cookies();
    const csrf = cookies.find((c) => c.name === 'portico_csrf');
    expect(csrf?.httpOnly).toBe(false);
    expect(cookies.filter((c) => c.name !== 'portico_csrf').every((c) => c.httpOnly)).toBe(true);
    await checkPage('dashboard');
  });

  it('the used invitation link now says so', async () => {
    const other = await context.newPage();
    const otherErrors = watchErrors(other);
    await other.goto(invitationLink);
    await other.locator('h1', { hasText: 'This invitation has already been used' }).waitFor();
    await expectNoAxeViolations(other, 'used invitation');
    shots.push(await screenshot(other, 'e2e-invitation-used-desktop'));
    await other.close();
    expect(otherErrors).toEqual([]);
  });

  it('My Details shows the user and the company, and saves a change', async () => {
    const menu = await openAccountMenu();
    await menu.getByRole('menuitem', { name: 'My details' }).click();
    await page.waitForURL(/\/account$/);
    await heading('My details');
    const main = page.locator('main');
    await expect(main.getByText(person.email).first().isVisible()).resolves.toBe(true);
    await expect(main.getByText(person.companyName).first().isVisible()).resolves.toBe(true);
    const phone = page.getByLabel('Phone', { exact: true });
    if ((await phone.count()) > 0) {
      await phone.fill('+44 113 496 0123');
      await page.getByRole('button', { name: 'Save my details' }).click();
      await page.getByRole('status').filter({ hasText: 'Your details have been saved.' }).waitFor();
    }
    await checkPage('my-details');
    if ((await phone.count()) > 0) {
      await page.reload();
      await heading('My details');
      await expect(page.getByLabel('Phone', { exact: true }).inputValue()).resolves.toBe('+44 113 496 0123');
    }
  });

  it('signs out', async () => {
    const menu = await openAccountMenu();
    await menu.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('status').filter({ hasText: 'You have signed out' }).waitFor();
    await checkPage('signed-out');
    // The session is gone on the server side too: the dashboard asks to sign in.
    await page.goto(`${stack.url(demo.slug)}/account`);
    await page.waitForURL(/\/login\?next=%2Faccount$/);
  });

  it('resets the password through the emailed link', async () => {
    await page.goto(`${stack.url(demo.slug)}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await heading('Reset your password');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('has an account with us').waitFor();
    await checkPage('forgot-password-sent');

    const mails = await mailsTo(person.email, 2);
    const resetLink = linkIn(mails[mails.length - 1]!, 'reset-password');
    expect(new URL(resetLink).host).toBe(`${demo.slug}.localhost:${stack.port}`);
    await page.goto(resetLink);
    await heading('Choose a new password');
    await choosePassword(second);
    await checkPage('reset-password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    // Either signed in straight away, or asked to sign in with the new password.
    await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/login');
    if (new URL(page.url()).pathname === '/') {
      await heading('Welcome, Robin');
      const menu = await openAccountMenu();
      await menu.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login$/);
    }
  });

  it('signs in again with email and the new password', async () => {
    await page.goto(`${stack.url(demo.slug)}/login`);
    await signIn(person.email, first);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The old password no longer works.
    await page.locator('.form-error', { hasText: 'Sign-in failed' }).waitFor();
    await signIn(person.email, second);
    await checkPage('sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.url(demo.slug)}/`);
    await heading('Welcome, Robin');
    await dashboardLoaded();
  });

  it('deactivation refuses the same browser session at its next step', async () => {
    expectStatus(await admin('POST', `/api/admin/portal-users/${person.contactId}/deactivate`), 200, 'deactivate');
    const menu = await openAccountMenu();
    await menu.getByRole('menuitem', { name: 'My details' }).click();
    await heading('Your account has been deactivated');
    await expect(page.getByText(`please contact ${demo.name}`).isVisible()).resolves.toBe(true);
    await checkPage('deactivated');
  });

  it('and signing in again is refused with the same explanation', async () => {
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await signIn(person.email, second);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.form-error', { hasText: 'Your account has been deactivated' }).waitFor();
    await checkPage('deactivated-sign-in');
  });

  it('repeated failed sign-ins lock the login and the page says for how long', async () => {
    // Failures count per email whether or not it has a login, so an unknown address shows it too.
    const nobody = `nobody-${randomUUID().slice(0, 8)}@example.com`;
    await page.goto(`${stack.url(demo.slug)}/login`);
    let locked = false;
    for (let attempt = 1; attempt <= 8 && !locked; attempt++) {
      await signIn(nobody, `Wrong-Guess-${attempt}!`);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      locked = (await answer).status() === 429;
      await page.locator('.form-error', { hasText: locked ? 'Too many attempts' : 'Sign-in failed' }).waitFor();
    }
    expect(locked).toBe(true);
    await expect(page.locator('.form-error').innerText()).resolves.toMatch(/\d+ minutes?/);
    await checkPage('login-locked');
  });

  let resent: Awaited<ReturnType<typeof invitedContact>>;
  let newest: string;

  it('a replaced invitation link explains itself', async () => {
    resent = await invitedContact('resend');
    expectStatus(await invite(resent.contactId), 201, 'invite');
    expectStatus(await invite(resent.contactId), 201, 'invite again');
    const [older, newer] = await mailsTo(resent.email, 2);
    newest = linkIn(newer!, 'invitation');
    await page.goto(linkIn(older!, 'invitation'));
    await heading('A newer invitation has been sent');
    await checkPage('invitation-replaced');
  });

  it('a company taken out of the portal, and a portal switched off, show at the next step', async () => {
    await page.goto(newest);
    await heading('Welcome, Robin');
    await choosePassword(first);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(`${stack.url(demo.slug)}/`);
    await heading('Welcome, Robin');
    await dashboardLoaded();

    expectStatus(await admin('PATCH', `/api/admin/companies/${resent.companyId}`, { allowPortal: false }), 200, 'disallow company');
    let menu = await openAccountMenu();
    await menu.getByRole('menuitem', { name: 'My details' }).click();
    await heading('Your company does not have portal access');
    await checkPage('company-not-allowed');

    expectStatus(await admin('PATCH', `/api/admin/companies/${resent.companyId}`, { allowPortal: true }), 200, 'allow company');
    await page.goto(`${stack.url(demo.slug)}/login`);
    await signIn(resent.email, first);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.url(demo.slug)}/`);
    await heading('Welcome, Robin');
    await dashboardLoaded();

    expectStatus(await admin('PATCH', '/api/admin/settings', { portalEnabled: false }), 200, 'switch the portal off');
    try {
      menu = await openAccountMenu();
      await menu.getByRole('menuitem', { name: 'My details' }).click();
      await heading('The portal is switched off');
      await checkPage('portal-disabled');
    } finally {
      expectStatus(await admin('PATCH', '/api/admin/settings', { portalEnabled: true }), 200, 'switch the portal on');
    }
  });
});
