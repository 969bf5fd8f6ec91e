import {
  defaultTemplateId,
  placeholdersOf,
  TEMPLATE_LIMITS,
  type TemplateAudience,
  type TemplateEvent,
  type TemplateInput,
  type TemplateList,
  type TemplatePreview,
  type TemplateView,
} from '../../../shared/api/notificationTemplates';
import { auditWrites } from '../../audit/audit';
import type { AdminCaller } from '../../core/callers';
import { conflict, notFound, unprocessable, type FieldError } from '../../core/problems';
import { tenantRepository } from '../../customers/tenantRepository';
import { UnitOfWork } from '../../table/unitOfWork';
import { notificationSettingsRepository } from '../notificationSettingsRepository';
import { defaultTemplate, defaultTemplates, SAMPLE_DATA } from './defaultTemplates';
import { renderTemplate, templateErrors } from './templateRendering';
import { templateRepository, type StoredTemplate } from './templateRepository';

/** The tenant's templates: its own, and the built-in defaults it has not replaced. */

const toView = (t: TemplateInput & { templateId: string; updatedAt?: string }, builtIn: boolean): TemplateView => ({
  templateId: t.templateId,
  name: t.name,
  event: t.event,
  audience: t.audience,
  subject: t.subject,
  body: t.body,
  builtIn,
  placeholders: placeholdersOf(t.event),
  ...(t.updatedAt ? { updatedAt: t.updatedAt } : {}),
});

export async function listTemplates(caller: AdminCaller): Promise<TemplateList> {
  const own = await templateRepository.list(caller.tenantId);
  const ids = new Set(own.map((t) => t.templateId));
  return {
    items: [
      ...defaultTemplates()
        .filter((t) => !ids.has(t.templateId))
        .map((t) => toView(t, true)),
      ...own.map((t) => toView(t, false)),
    ],
  };
}

/** A template by id: the tenant's own, else a built-in default; undefined when neither. */
export async function findTemplate(tenantId: string, templateId: string): Promise<(TemplateInput & { templateId: string; updatedAt?: string }) | undefined> {
  return (await templateRepository.get(tenantId, templateId)) ?? defaultTemplate(templateId);
}

export async function getTemplate(caller: AdminCaller, templateId: string): Promise<TemplateView> {
  const own = await templateRepository.get(caller.tenantId, templateId);
  if (own) return toView(own, false);
  const builtIn = defaultTemplate(templateId);
  if (!builtIn) throw notFound('No template with this id.');
  return toView(builtIn, true);
}

function bodyErrors(input: Pick<TemplateInput, 'event' | 'subject' | 'body'>): FieldError[] {
  return [...templateErrors(input.event, 'body.subject', input.subject), ...templateErrors(input.event, 'body.body', input.body)];
}

/** Keeps a template (a default's id replaces that default). A default keeps its event and audience: the settings rely on them. */
export async function putTemplate(caller: AdminCaller, templateId: string, input: TemplateInput): Promise<TemplateView> {
  const errors = bodyErrors(input);
  const builtIn = defaultTemplate(templateId);
  if (builtIn && builtIn.event !== input.event) errors.push({ name: 'body.event', reason: `must stay ${builtIn.event} for this default` });
  if (builtIn && builtIn.audience !== input.audience) errors.push({ name: 'body.audience', reason: `must stay ${builtIn.audience} for this default` });
  if (errors.length) throw unprocessable('Unprocessable template', 'The template has placeholders or tags it may not use.', errors);
  const existing = await templateRepository.get(caller.tenantId, templateId);
  if (!existing && (await templateRepository.list(caller.tenantId)).length >= TEMPLATE_LIMITS.perTenant) {
    throw conflict(`A tenant keeps at most ${TEMPLATE_LIMITS.perTenant} templates; delete one first.`);
  }
  if (existing && (existing.event !== input.event || existing.audience !== input.audience)) await assertUnused(caller.tenantId, templateId);
  const stored: StoredTemplate = { tenantId: caller.tenantId, templateId, ...input, updatedAt: new Date().toISOString(), updatedBy: caller.actor };
  await templateRepository.put(stored);
  await new UnitOfWork()
    .write(
      ...auditWrites(caller, { action: 'notification-template.changed', subjects: [`tenant:${caller.tenantId}`], details: { templateId, change: 'kept' } }),
    )
    .commit();
  return toView(stored, false);
}

/** Refuses (409) when the notification settings choose the template. */
async function assertUnused(tenantId: string, templateId: string) {
  const settings = await notificationSettingsRepository.get(tenantId, true);
  const users = Object.entries(settings?.templates ?? {}).filter(([, chosen]) => chosen?.staff === templateId || chosen?.contact === templateId);
  if (users.length) throw conflict(`The notification settings use this template for ${users.map(([event]) => event).join(', ')}; choose another there first.`);
}

/** Deletes the tenant's template; a default's id reverts to the built-in wording. Deleting what is not there changes nothing. */
export async function deleteTemplate(caller: AdminCaller, templateId: string): Promise<void> {
  const existing = await templateRepository.get(caller.tenantId, templateId);
  if (!existing) {
    if (defaultTemplate(templateId)) return;
    throw notFound('No template with this id.');
  }
  if (!defaultTemplate(templateId)) await assertUnused(caller.tenantId, templateId);
  await templateRepository.delete(caller.tenantId, templateId);
  await new UnitOfWork()
    .write(
      ...auditWrites(caller, { action: 'notification-template.changed', subjects: [`tenant:${caller.tenantId}`], details: { templateId, change: 'deleted' } }),
    )
    .commit();
}

/** Renders a draft, or a kept template by id, with the values given and the sample for the rest. */
export async function previewTemplate(
  caller: AdminCaller,
  input: { templateId?: string; event: TemplateEvent; subject?: string; body?: string; data: Record<string, string> },
): Promise<TemplatePreview> {
  const kept = input.templateId ? await findTemplate(caller.tenantId, input.templateId) : undefined;
  if (input.templateId && !kept)
    throw unprocessable('Unprocessable preview', 'The template named does not exist.', [
      { name: 'body.templateId', reason: 'is not a template of this tenant' },
    ]);
  const subject = input.subject ?? kept?.subject;
  const body = input.body ?? kept?.body;
  if (subject === undefined || body === undefined) {
    throw unprocessable('Unprocessable preview', 'Give a subject and a body, or a template.', [
      { name: subject === undefined ? 'body.subject' : 'body.body', reason: 'is required without templateId' },
    ]);
  }
  const errors = bodyErrors({ event: input.event, subject, body });
  if (errors.length) throw unprocessable('Unprocessable template', 'The template has placeholders or tags it may not use.', errors);
  const tenant = await tenantRepository.get(caller.tenantId);
  const allowed = new Set(placeholdersOf(input.event));
  const data = Object.fromEntries(
    placeholdersOf(input.event).map((name) => [name, input.data[name] ?? (name === 'tenant.name' && tenant ? tenant.name : SAMPLE_DATA[name]!)]),
  );
  const unknown = Object.keys(input.data).filter((name) => !allowed.has(name));
  if (unknown.length)
    throw unprocessable(
      'Unprocessable preview',
      'The data names unknown placeholders.',
      unknown.map((name) => ({ name: `body.data.${name}`, reason: 'is not a placeholder of this event' })),
    );
  const mail = renderTemplate(tenant ?? { name: 'Your business', branding: { primaryColour: '#1f2937' } as never }, { subject, body }, data);
  return { ...mail, data };
}

/** The template an event's mail to an audience uses: the one the settings choose, else the built-in default (or the tenant's replacement of it). */
export async function templateFor(tenantId: string, event: TemplateEvent, audience: TemplateAudience, chosen: string | undefined) {
  return (chosen ? await findTemplate(tenantId, chosen) : undefined) ?? (await findTemplate(tenantId, defaultTemplateId(event, audience)))!;
}
