import type { TestStack } from './stack';

/** An email as the local SES keeps it (`GET /store`). */
export interface StoredMail {
  messageId?: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/**
 * Mail the local SES holds for one address, once the bus has delivered what is pending
 * (mail is sent by the notify target). The mailbox is shared by the whole test run, so
 * tests address unique recipients.
 */
export async function mailTo(stack: TestStack, address: string): Promise<StoredMail[]> {
  await stack.bus.idle();
  const store = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.includes(address));
}

/** Waits for the newest email to `address`. */
export async function waitForMail(stack: TestStack, address: string, timeoutMs = 10_000): Promise<StoredMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await mailTo(stack, address)).at(-1);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
