import * as z from 'zod/mini';
import { id, lazily, trimmed } from './common';

/**
 * Notification templates (issue 12, seed 000): the tenant's own wording of the mail sent
 * for an order placed, a quote requested and a job requested — one to the staff the
 * notification settings name, one confirming to the contact who acted. A template is a
 * subject and a plain-text body with named placeholders (`{{contact.name}}`); the body's
 * paragraphs are set in the tenant's branded mail, every value escaped, and the subject is
 * one line whatever the values hold. Each event and audience has a built-in default.
 */

export const TEMPLATE_EVENTS = ['order.placed', 'quote.requested', 'job.requested'] as const;
export type TemplateEvent = (typeof TEMPLATE_EVENTS)[number];
export const TEMPLATE_AUDIENCES = ['staff', 'contact'] as const;
export type TemplateAudience = (typeof TEMPLATE_AUDIENCES)[number];

export const TEMPLATE_LIMITS = { name: 100, subject: 200, body: 10_000, perTenant: 50 } as const;

/** The placeholders every template may use, and those of each event; the preview's sample data fills each. */
export const COMMON_PLACEHOLDERS = ['tenant.name', 'contact.name', 'contact.email', 'company.name', 'portal.link'] as const;
export const EVENT_PLACEHOLDERS: Record<TemplateEvent, readonly string[]> = {
  'order.placed': ['order.number', 'order.total', 'order.lineCount', 'order.paymentRequested'],
  'quote.requested': ['request.title', 'request.description', 'request.kind', 'request.files'],
  'job.requested': ['request.title', 'request.description', 'request.kind', 'request.files'],
};
export const placeholdersOf = (event: TemplateEvent): string[] => [...COMMON_PLACEHOLDERS, ...EVENT_PLACEHOLDERS[event]];

/** The id of an event and audience's built-in default (`default-quote-requested-staff`); a tenant's template by this id replaces it. */
export const defaultTemplateId = (event: TemplateEvent, audience: TemplateAudience) => `default-${event.replace('.', '-')}-${audience}`;

/** PUT /api/admin/notification-templates/{templateId}: a template, replaced whole. */
export const templateBody = lazily(() =>
  z.strictObject({
    name: trimmed(TEMPLATE_LIMITS.name),
    event: z.enum(TEMPLATE_EVENTS),
    audience: z.enum(TEMPLATE_AUDIENCES),
    subject: trimmed(TEMPLATE_LIMITS.subject),
    body: trimmed(TEMPLATE_LIMITS.body),
  }),
);
export type TemplateInput = z.output<typeof templateBody>;

export const templatePath = lazily(() => z.strictObject({ templateId: id }));

/** POST /api/admin/notification-templates/preview: a draft (or a kept template, by id) rendered with the sample data or the values given. */
export const previewTemplateBody = lazily(() =>
  z.strictObject({
    templateId: z.optional(id),
    event: z.enum(TEMPLATE_EVENTS),
    subject: z.optional(trimmed(TEMPLATE_LIMITS.subject)),
    body: z.optional(trimmed(TEMPLATE_LIMITS.body)),
    /** Placeholder values by name (`{ "contact.name": "Ada" }`); the sample fills the rest. */
    data: z._default(z.record(z.string().check(z.maxLength(50)), z.string().check(z.maxLength(2000))), {}),
  }),
);

export interface TemplateView extends TemplateInput {
  templateId: string;
  /** A built-in default not changed by the tenant. */
  builtIn: boolean;
  placeholders: string[];
  updatedAt?: string;
}

export interface TemplateList {
  items: TemplateView[];
}

export interface TemplatePreview {
  subject: string;
  text: string;
  html: string;
  /** The values used, sample or given. */
  data: Record<string, string>;
}
