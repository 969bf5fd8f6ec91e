import type * as z from 'zod/mini';
import type { updateTeamBody } from '../../shared/api/access';
import { DEFAULT_TEAMS, teamRepository, type Team } from './teamRepository';
import { notFoundIn, unknownReference } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import { changedFields } from '../core/changes';
import { recordAudit } from '../audit/audit';

export type TeamView = Omit<Team, 'tenantId'>;
const toTeamView = ({ tenantId: _tenant, ...team }: Team): TeamView => ({ ...team, permissions: [...team.permissions].sort() });

/**
 * The tenant's teams. The two default teams are created on first sight when missing (a
 * tenant made before teams existed, or by hand); an edited default team is left as it is.
 */
export async function tenantTeams(tenantId: string): Promise<Team[]> {
  const teams = await teamRepository.list(tenantId);
  const have = new Set(teams.map((t) => t.teamId));
  if (DEFAULT_TEAMS.every((t) => have.has(t.teamId))) return teams;
  await teamRepository.ensureDefaults(tenantId);
  return teamRepository.list(tenantId);
}

export async function listTeams(caller: AdminCaller): Promise<{ items: TeamView[] }> {
  return { items: (await tenantTeams(caller.tenantId)).map(toTeamView) };
}

export async function updateTeam(caller: AdminCaller, teamId: string, input: z.output<typeof updateTeamBody>): Promise<TeamView> {
  const current = (await tenantTeams(caller.tenantId)).find((t) => t.teamId === teamId);
  if (!current) throw notFoundIn('team');
  const fields = changedFields(current, input);
  if (fields.length === 0) return toTeamView(current);
  const updated = await teamRepository.update(caller.tenantId, teamId, Object.fromEntries(fields.map((f) => [f, input[f as keyof typeof input]])));
  if (!updated) throw notFoundIn('team');
  await recordAudit(caller, { action: 'team.changed', subjects: [`tenant:${caller.tenantId}`, `team:${teamId}`], details: { fields } });
  return toTeamView(updated);
}

/**
 * The team ids of a request, de-duplicated, each checked to be a team of this tenant;
 * an unknown one is a 422 naming `field`.
 */
export async function checkTeamIds(tenantId: string, teamIds: string[], field = 'body.teams'): Promise<string[]> {
  const known = new Set((await tenantTeams(tenantId)).map((t) => t.teamId));
  const unknown = teamIds.filter((id) => !known.has(id));
  if (unknown.length) throw unknownReference(field, `no team ${unknown.map((id) => `"${id}"`).join(', ')} in this portal`);
  return [...new Set(teamIds)];
}
