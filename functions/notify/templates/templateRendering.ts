import Mustache from 'mustache';
import { placeholdersOf, type TemplateEvent } from '../../../shared/api/notificationTemplates';
import type { FieldError } from '../../core/problems';
import type { Tenant } from '../../customers/tenantRepository';
import { renderBrandedEmail } from '../brandedEmail';

/**
 * Templates are Mustache (the kept library) restricted to plain `{{name}}` placeholders of
 * the event's list: no triple braces or `{{& }}` (unescaped output), no sections, partials
 * or delimiter changes, so a template can do nothing but put values in text. Safety does not
 * rest on the author though: the body renders as plain text, and its paragraphs go into
 * the branded mail through `renderBrandedEmail`, which escapes everything; the subject is
 * made one line (no CR, LF or other control characters), so no value a customer typed can
 * add HTML or a mail header.
 */

type Token = [string, string, number, number, ...unknown[]];

/** What is wrong with a template's text, as field errors naming `field`. */
export function templateErrors(event: TemplateEvent, field: string, text: string): FieldError[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as unknown as Token[];
  } catch (err) {
    return [{ name: field, reason: `is not a valid template: ${(err as Error).message}` }];
  }
  const allowed = new Set(placeholdersOf(event));
  const errors: FieldError[] = [];
  for (const [kind, value] of tokens) {
    if (kind === 'text') continue;
    if (kind !== 'name') {
      errors.push({ name: field, reason: `may hold only placeholders such as {{contact.name}}, not "${tagOf(kind, value)}"` });
    } else if (!allowed.has(value)) {
      errors.push({ name: field, reason: `names an unknown placeholder {{${value}}}; this event's are ${[...allowed].map((p) => `{{${p}}}`).join(', ')}` });
    }
  }
  return errors;
}

const tagOf = (kind: string, value: string) => (kind === '{' ? `{{{${value}}}}` : `{{${kind}${value}}}`);

/** Dotted names as the nested object Mustache looks them up in. */
function viewOf(data: Record<string, string>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    const parts = name.split('.');
    let at = view;
    for (const part of parts.slice(0, -1)) {
      at[part] ??= {};
      at = at[part] as Record<string, unknown>;
    }
    at[parts.at(-1)!] = value;
  }
  return view;
}

/** Plain text: values as they are (the HTML part escapes them, the text part is text). */
const renderText = (template: string, data: Record<string, string>) => Mustache.render(template, viewOf(data), {}, { escape: (value) => String(value) });

/** One line: CR, LF and every other control or line-separator character becomes a space; at most 200 characters. */
export const oneLine = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);

export function renderTemplate(
  tenant: Pick<Tenant, 'name' | 'branding'>,
  template: { subject: string; body: string },
  data: Record<string, string>,
): { subject: string; text: string; html: string } {
  const subject = oneLine(renderText(template.subject, data)) || tenant.name;
  const paragraphs = renderText(template.body, data)
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const link = data['portal.link'];
  return renderBrandedEmail(tenant, { subject, paragraphs, ...(link ? { action: { label: 'Open the portal', url: link } } : {}) });
}
