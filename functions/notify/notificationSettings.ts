import { NOTIFIED_EVENTS, type NotificationSettings, type NotifiedEvent } from '../../shared/api/documents';
import { conflict, unprocessable, type FieldError } from '../core/problems';
import { notificationSettingsRepository, type StoredNotificationSettings } from './notificationSettingsRepository';
import { staffLoginRepository } from '../identity/staffLoginRepository';
import type { AdminCaller } from '../core/callers';
import { auditWrites } from '../audit/audit';
import { retryOnConflict, UnitOfWork } from '../table/unitOfWork';
import { TEMPLATE_AUDIENCES, TEMPLATE_EVENTS, type TemplateEvent } from '../../shared/api/notificationTemplates';
import { findTemplate } from './templates/templates';

/**
 * Who among a tenant's staff is emailed about each document event: staff teams (a name
 * and member emails, kept here, not in Cognito) and, per event, a list of teams and
 * individual addresses.
 *
 * Default when a tenant has set nothing: **no staff mail**. Staff logins carry no group
 * or team in the table and there is no per-tenant list of them (a login is found by
 * email or id only), so "every tenant-admin" could only come from a scan or from the
 * shared staff pool, filtered by tenant, on every event; and mailing every staff member
 * about every customer message is the noise that gets a portal's mail filtered away.
 * Silence is the safe default: the GET answer says `configured: false` and that nothing
 * is sent, so whoever sets up a tenant sees it at once, and the demo tenant ships with a
 * rule. Contacts' own mail (a document published for them, a staff reply) does not
 * depend on these settings.
 *
 * An address need not be a staff login (a shared inbox such as sales@ is fine); the
 * answer says, per address, whether it is one. A deactivated staff login gets no mail.
 */

export interface RecipientInfo {
  /** Whether the address is a staff login of this tenant. */
  staffLogin: boolean;
  name?: string;
  /** Staff logins only: a deactivated one is skipped when mail goes out. */
  status?: 'active' | 'deactivated';
}

export interface NotificationSettingsView extends NotificationSettings {
  /** False until someone saves settings: then no staff mail is sent for any event. */
  configured: boolean;
  /** What happens while nothing is configured, in words. */
  defaultBehaviour: string;
  /** Every address the settings name, and whether it is a staff login of this tenant. */
  recipients: Record<string, RecipientInfo>;
  /** Per event: the addresses that are mailed (teams expanded, duplicates and deactivated staff left out). */
  resolved: Partial<Record<NotifiedEvent, string[]>>;
  updatedAt?: string;
  updatedBy?: string;
}

export const DEFAULT_BEHAVIOUR =
  'No staff mail is sent for an event until a rule names a team or an address for it. Contacts are still emailed about their own documents and replies.';

const EMPTY: NotificationSettings = { teams: {}, rules: {}, templates: {} };

export async function getNotificationSettings(caller: AdminCaller): Promise<NotificationSettingsView> {
  return view(await notificationSettingsRepository.get(caller.tenantId));
}

/**
 * Replaces the settings. Every team a rule names must be one of `teams` (422 naming
 * `body.rules.<event>.<i>.staffTeam`). Only a real change is written and audited
 * (`notification-settings.changed`, naming the events and teams that changed).
 */
export async function setNotificationSettings(caller: AdminCaller, input: NotificationSettings): Promise<NotificationSettingsView> {
  const errors = [...validationErrors(input), ...(await templateChoiceErrors(caller.tenantId, input))];
  if (errors.length) throw unprocessable('Unprocessable settings', 'A rule names a team that is not among the teams, or a template that does not fit.', errors);
  const next = normalised(input);
  return retryOnConflict(
    async () => {
      const current = await notificationSettingsRepository.get(caller.tenantId, true);
      const diff = differences(current ?? EMPTY, next);
      if (current && !diff.events.length && !diff.teams.length) return view(current);
      const stored: StoredNotificationSettings = { tenantId: caller.tenantId, ...next, updatedAt: new Date().toISOString(), updatedBy: caller.actor };
      await new UnitOfWork()
        .write(notificationSettingsRepository.replaceWrite(stored, current?.updatedAt))
        .write(
          ...auditWrites(caller, {
            action: 'notification-settings.changed',
            subjects: [`tenant:${caller.tenantId}`],
            details: { events: diff.events, teams: diff.teams },
          }),
        )
        .commit();
      return view(stored);
    },
    { exhausted: () => conflict('The notification settings are being changed by someone else right now. Try again.') },
  );
}

/**
 * The addresses to mail about one event: the rule's teams' members and individual
 * addresses, once each, in the order the rule names them. Nothing when no rule is set.
 */
export function recipientsFor(settings: Pick<NotificationSettings, 'teams' | 'rules'> | undefined, event: NotifiedEvent): string[] {
  const out = new Set<string>();
  for (const recipient of settings?.rules[event] ?? []) {
    if ('staffEmail' in recipient) out.add(recipient.staffEmail);
    else for (const member of settings?.teams[recipient.staffTeam]?.members ?? []) out.add(member);
  }
  return [...out];
}

/** Looks up which addresses are staff logins of the tenant (one GetItem each, in parallel). */
export async function describeRecipients(tenantId: string, emails: Iterable<string>): Promise<Record<string, RecipientInfo>> {
  const unique = [...new Set(emails)];
  const logins = await Promise.all(unique.map((email) => staffLoginRepository.getByEmail(tenantId, email)));
  return Object.fromEntries(
    unique.map((email, i) => {
      const login = logins[i];
      return [email, login ? { staffLogin: true, name: login.name, status: login.status } : { staffLogin: false }];
    }),
  );
}

function validationErrors(input: NotificationSettings): FieldError[] {
  const errors: FieldError[] = [];
  for (const event of NOTIFIED_EVENTS) {
    (input.rules[event] ?? []).forEach((recipient, i) => {
      if ('staffTeam' in recipient && !Object.hasOwn(input.teams, recipient.staffTeam)) {
        errors.push({ name: `body.rules.${event}.${i}.staffTeam`, reason: `is not one of the teams in body.teams` });
      }
    });
  }
  return errors;
}

/** Each template chosen must exist (the tenant's or a default) and be for that event and audience. */
async function templateChoiceErrors(tenantId: string, input: NotificationSettings): Promise<FieldError[]> {
  const choices = TEMPLATE_EVENTS.flatMap((event) =>
    TEMPLATE_AUDIENCES.flatMap((audience) => {
      const templateId = input.templates[event]?.[audience];
      return templateId ? [{ event, audience, templateId }] : [];
    }),
  );
  const found = await Promise.all(choices.map((c) => findTemplate(tenantId, c.templateId)));
  return choices.flatMap((c, i) => {
    const t = found[i];
    const name = `body.templates.${c.event}.${c.audience}`;
    if (!t) return [{ name, reason: 'is not a template of this tenant' }];
    if (t.event !== c.event || t.audience !== c.audience)
      return [{ name, reason: `is a template for ${t.event} (${t.audience}), not ${c.event} (${c.audience})` }];
    return [];
  });
}

/** Members and recipients once each; events without recipients dropped (an empty rule is no rule). */
function normalised(input: NotificationSettings): NotificationSettings {
  const teams = Object.fromEntries(Object.entries(input.teams).map(([id, team]) => [id, { name: team.name, members: [...new Set(team.members)] }]));
  const rules: NotificationSettings['rules'] = {};
  for (const event of NOTIFIED_EVENTS) {
    const seen = new Set<string>();
    const list = (input.rules[event] ?? []).filter((r) => {
      const key = 'staffEmail' in r ? `e:${r.staffEmail}` : `t:${r.staffTeam}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (list.length) rules[event] = list;
  }
  const templates: NotificationSettings['templates'] = {};
  for (const event of TEMPLATE_EVENTS) {
    const chosen = input.templates[event];
    if (chosen?.staff || chosen?.contact)
      templates[event] = { ...(chosen.staff ? { staff: chosen.staff } : {}), ...(chosen.contact ? { contact: chosen.contact } : {}) };
  }
  return { teams, rules, templates };
}

/** Which events' rules and which teams differ (teams compared with their members as sets). */
function differences(
  before: Pick<NotificationSettings, 'teams' | 'rules'> & { templates?: NotificationSettings['templates'] },
  after: NotificationSettings,
): { events: NotifiedEvent[]; teams: string[] } {
  const events = NOTIFIED_EVENTS.filter(
    (e) =>
      JSON.stringify(before.rules[e] ?? []) !== JSON.stringify(after.rules[e] ?? []) ||
      JSON.stringify(before.templates?.[e as TemplateEvent] ?? {}) !== JSON.stringify(after.templates?.[e as TemplateEvent] ?? {}),
  );
  const teamKey = (t: { name: string; members: string[] } | undefined) => (t ? JSON.stringify([t.name, [...t.members].sort()]) : '');
  const teams = [...new Set([...Object.keys(before.teams), ...Object.keys(after.teams)])]
    .filter((id) => teamKey(before.teams[id]) !== teamKey(after.teams[id]))
    .sort();
  return { events, teams };
}

async function view(stored: StoredNotificationSettings | undefined): Promise<NotificationSettingsView> {
  const settings: NotificationSettings = stored ? { teams: stored.teams ?? {}, rules: stored.rules ?? {}, templates: stored.templates ?? {} } : EMPTY;
  const named = [
    ...Object.values(settings.teams).flatMap((t) => t.members),
    ...Object.values(settings.rules).flatMap((list) => (list ?? []).flatMap((r) => ('staffEmail' in r ? [r.staffEmail] : []))),
  ];
  const tenantId = stored?.tenantId;
  const recipients = tenantId ? await describeRecipients(tenantId, named) : {};
  const resolved: NotificationSettingsView['resolved'] = {};
  for (const event of NOTIFIED_EVENTS) {
    const emails = recipientsFor(settings, event).filter((email) => recipients[email]?.status !== 'deactivated');
    if (emails.length) resolved[event] = emails;
  }
  return {
    teams: settings.teams,
    rules: settings.rules,
    templates: settings.templates,
    configured: !!stored,
    defaultBehaviour: DEFAULT_BEHAVIOUR,
    recipients,
    resolved,
    ...(stored ? { updatedAt: stored.updatedAt, updatedBy: stored.updatedBy } : {}),
  };
}
