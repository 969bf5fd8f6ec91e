import type { USER_STATUSES } from '../../shared/api/access';
import type { Permission } from '../../shared/permissions';
import { conflict } from '../core/problems';
import { companyRepository, type Company } from './companyRepository';
import type { Page } from '../table/pagination';
import { portalUserRepository, type PortalUser } from './portalUserRepository';
import { sessionRepository } from '../identity/sessionRepository';
import { teamRepository, type Team } from './teamRepository';
import { tenantRepository, type Tenant } from './tenantRepository';
import { effectiveModules, effectivePermissions } from './access';
import { notFoundIn } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import { recordAudit } from '../audit/audit';
import { checkTeamIds } from './teams';

/**
 * Whether a user can get in now, and if not, the first reason why: the stored status is
 * only one of the switches DESIGN §3 says are checked on every request.
 */
export type EffectiveStatus = 'active' | 'invited' | 'invitation-expired' | 'deactivated' | 'portal-disabled' | 'company-not-allowed';

export interface PortalUserView {
  userId: string;
  companyId: string;
  email: string;
  status: (typeof USER_STATUSES)[number];
  effectiveStatus: EffectiveStatus;
  teams: { teamId: string; name: string }[];
  /** What the user may do now: their teams' permissions within the company's modules (as the portal computes them). */
  permissions: Permission[];
  invitedAt?: string;
  invitationExpiresAt?: string;
  activatedAt?: string;
  deactivatedAt?: string;
  lastSignInAt?: string;
  createdAt: string;
  updatedAt: string;
}

export function effectiveStatus(
  user: PortalUser,
  tenant: Pick<Tenant, 'portalEnabled'> | undefined,
  company: Pick<Company, 'allowPortal'> | undefined,
  now = new Date(),
): EffectiveStatus {
  if (user.status === 'deactivated') return 'deactivated';
  if (!tenant?.portalEnabled) return 'portal-disabled';
  if (!company?.allowPortal) return 'company-not-allowed';
  // Invited with no link that still works (expired, or withdrawn by a deactivation): resend.
  if (user.status === 'invited' && (!user.invitationExpiresAt || user.invitationExpiresAt <= now.toISOString())) return 'invitation-expired';
  return user.status;
}

function toView(user: PortalUser, context: { tenant?: Tenant; company?: Company; teams: Team[] }): PortalUserView {
  const names = new Map(context.teams.map((t) => [t.teamId, t.name]));
  return {
    userId: user.userId,
    companyId: user.companyId,
    email: user.email,
    status: user.status,
    effectiveStatus: effectiveStatus(user, context.tenant, context.company),
    // A team id no longer known still shows, so staff can see and fix it.
    teams: user.teams.map((teamId) => ({ teamId, name: names.get(teamId) ?? teamId })),
    permissions: effectivePermissions(context.teams, user.teams, effectiveModules(context.tenant?.modules ?? [], context.company?.moduleOverrides)),
    ...pick(user, ['invitedAt', 'invitationExpiresAt', 'activatedAt', 'deactivatedAt', 'lastSignInAt']),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

const pick = <T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> =>
  Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]])) as Partial<Pick<T, K>>;

async function requireUser(tenantId: string, userId: string): Promise<PortalUser> {
  const user = await portalUserRepository.get(tenantId, userId, { consistent: true });
  if (!user) throw notFoundIn('portal user');
  return user;
}

/** Views of some users of one tenant: one tenant read, one teams query, one read per distinct company. */
async function viewsOf(tenantId: string, users: PortalUser[]): Promise<PortalUserView[]> {
  const companyIds = [...new Set(users.map((u) => u.companyId))];
  const [tenant, teams, companies] = await Promise.all([
    tenantRepository.get(tenantId),
    teamRepository.list(tenantId),
    Promise.all(companyIds.map((id) => companyRepository.get(tenantId, id))),
  ]);
  const byId = new Map(companies.filter((c): c is Company => !!c).map((c) => [c.companyId, c]));
  return users.map((user) => toView(user, { tenant, company: byId.get(user.companyId), teams }));
}

export async function listPortalUsers(
  caller: AdminCaller,
  query: { companyId?: string; status?: PortalUser['status']; limit?: number; cursor?: string },
): Promise<Page<PortalUserView>> {
  const page = await portalUserRepository.list(caller.tenantId, query);
  return { ...page, items: await viewsOf(caller.tenantId, page.items) };
}

export async function getPortalUser(caller: AdminCaller, userId: string): Promise<PortalUserView> {
  const [view] = await viewsOf(caller.tenantId, [await requireUser(caller.tenantId, userId)]);
  return view!;
}

/**
 * Locks a user out at once: the status (which every portal request and every sign-in
 * checks) and every live session. An outstanding invitation link stops working too.
 * The Cognito user is left enabled on purpose: a disabled Cognito user is refused before
 * its password is checked, so it would get "wrong email or password" instead of being
 * told, after proving its password, that its access was deactivated; and cognito-local
 * does not refuse disabled users at all, so the two runtimes would differ. Safe to
 * repeat: a retry finishes the job, and only the actual change is audited.
 */
export async function deactivatePortalUser(caller: AdminCaller, userId: string, now = new Date()): Promise<PortalUserView> {
  const { tenantId } = caller;
  const user = await requireUser(tenantId, userId);
  let changed = false;
  if (user.status !== 'deactivated') {
    const updated = await portalUserRepository.transition(tenantId, userId, user.status, { status: 'deactivated', deactivatedAt: now.toISOString() }, [
      'invitationHash',
      'invitationExpiresAt',
    ]);
    if (!updated && (await requireUser(tenantId, userId)).status !== 'deactivated') {
      throw conflict('The portal user changed while being deactivated. Try again.');
    }
    changed = !!updated;
  }
  const sessionsRevoked = await sessionRepository.revokeAllOf(tenantId, 'portal', userId);
  if (changed) {
    await recordAudit(caller, {
      action: 'user.deactivated',
      subjects: [`user:${userId}`, `company:${user.companyId}`],
      details: { from: user.status, sessionsRevoked },
    });
  }
  return getPortalUser(caller, userId);
}

/**
 * Lets a user in again: back to `active` if they had accepted their invitation before,
 * else to `invited` (their old link was withdrawn on deactivation: send a new one).
 */
export async function reactivatePortalUser(caller: AdminCaller, userId: string): Promise<PortalUserView> {
  const { tenantId } = caller;
  const user = await requireUser(tenantId, userId);
  if (user.status === 'deactivated') {
    const to = user.activatedAt ? 'active' : 'invited';
    const updated = await portalUserRepository.transition(tenantId, userId, 'deactivated', { status: to }, ['deactivatedAt']);
    if (!updated) throw conflict('The portal user changed while being reactivated. Try again.');
    await recordAudit(caller, { action: 'user.reactivated', subjects: [`user:${userId}`, `company:${user.companyId}`], details: { to } });
  }
  return getPortalUser(caller, userId);
}

/** Replaces a user's teams (PUT): all must be teams of this tenant. */
export async function setPortalUserTeams(caller: AdminCaller, userId: string, teamIds: string[]): Promise<PortalUserView> {
  const { tenantId } = caller;
  const user = await requireUser(tenantId, userId);
  const teams = await checkTeamIds(tenantId, teamIds);
  const same = teams.length === user.teams.length && teams.every((t) => user.teams.includes(t));
  if (!same) {
    // Writes only `teams`: a status change racing this one is not overwritten.
    const updated = await portalUserRepository.update(tenantId, userId, { teams });
    if (!updated) throw notFoundIn('portal user');
    await recordAudit(caller, {
      action: 'user.teams-changed',
      subjects: [`user:${userId}`, `company:${user.companyId}`],
      details: { from: user.teams, to: teams },
    });
  }
  return getPortalUser(caller, userId);
}
