import * as z from 'zod/mini';

/**
 * The event catalogue: every event Portico publishes on its bus, by detail-type, with
 * the zod schema of its `detail`. Publishers validate against it before sending and
 * targets validate again on receipt, so a malformed event never reaches a notifier.
 */
export const EVENT_SOURCE = 'portico';

const tenantScoped = { tenantId: z.string().check(z.minLength(1)) };

export const eventCatalogue = {
  /** A tenant's settings (branding, modules, portal switch) changed. */
  'tenant.settings-changed': z.object({
    ...tenantScoped,
    changedBy: z.string(),
    fields: z.array(z.string()),
  }),
  /** A service asks for an email to be sent; the mail notifier renders and sends it through SES. */
  'mail.requested': z.object({
    ...tenantScoped,
    to: z.array(z.string().check(z.email())).check(z.minLength(1)),
    subject: z.string().check(z.minLength(1), z.maxLength(300)),
    text: z.string(),
    html: z.optional(z.string()),
    /** Why the mail is sent, for the audit trail (e.g. `invitation`). */
    purpose: z.string(),
  }),
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventDetail<T extends EventType> = z.infer<(typeof eventCatalogue)[T]>;
export const EVENT_TYPES = Object.keys(eventCatalogue) as EventType[];

/** The envelope EventBridge delivers to a target; the local bus builds the same one. */
export interface EventEnvelope<T extends EventType = EventType> {
  version: '0';
  id: string;
  'detail-type': T;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: EventDetail<T>;
}
