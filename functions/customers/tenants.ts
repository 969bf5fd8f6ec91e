import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Module } from '../../shared/permissions';
import type { Branding } from '../../shared/tenant';
import { cognito, poolIds } from '../aws/cognito';
import { newId } from '../core/ids';
import type { StaffGroup } from '../identity/staffGroups';
import { isConflict } from '../table/conflicts';
import { staffLoginRepository } from '../identity/staffLoginRepository';
import { teamRepository } from './teamRepository';
import { tenantRepository, type Tenant } from './tenantRepository';

/**
 * Creating tenants and their staff: what the operator CLI does in the cloud, written
 * as a service so the local seed can do the same. Every step is safe to run again, so
 * an interrupted run is finished by running the same command once more.
 */

/** A refusal the operator can act on (the CLI prints its message, no stack trace). */
export class ProvisioningError extends Error {
  override name = 'ProvisioningError';
}

/** A DNS label that is not one of the names the platform keeps for itself. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_SLUGS = new Set(['www', 'api', 'admin', 'app', 'mail', 'portal', 'static', 'assets', 'status']);

/** A new tenant's look until staff brand it: neutral, with WCAG-contrast text either way. */
export const DEFAULT_BRANDING: Branding = { primaryColour: '#1f2937', accentColour: '#2563eb' };
/** The modules every CRM portal starts with; staff switch on the rest when they use them. */
export const DEFAULT_MODULES: Module[] = ['quotes', 'orders', 'invoices'];

export interface NewTenant {
  slug: string;
  name: string;
  /** Immutable (it is in every key and in Cognito's `custom:tenantId`); defaults to the slug, which may change later. */
  tenantId?: string;
  branding?: Branding;
  modules?: Module[];
}

/**
 * The Tenant record, its `sub:<slug>` Domain (refused if another tenant holds it) and
 * its default teams. An existing tenant with this id and slug is kept as it is, its
 * settings untouched: `created` says which happened.
 */
export async function createTenant(input: NewTenant): Promise<{ tenant: Tenant; created: boolean }> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) throw new ProvisioningError(`"${input.slug}" is not a usable subdomain: lower-case letters, digits and inner hyphens, at most 63.`);
  if (RESERVED_SLUGS.has(slug)) throw new ProvisioningError(`"${slug}" is reserved.`);
  const tenantId = input.tenantId ?? slug;
  if (!/^[a-z0-9-]{1,63}$/.test(tenantId)) throw new ProvisioningError(`"${tenantId}" is not a usable tenant id: lower-case letters, digits and hyphens.`);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new ProvisioningError('The tenant name must be 1–200 characters.');

  const hostKey = `sub:${slug}`;
  // Checked first, so a refused run leaves nothing behind; the claim below stays conditional for a race.
  const holder = await tenantRepository.tenantIdForHost(hostKey);
  if (holder && holder !== tenantId) throw subdomainTaken(slug);

  let created = true;
  let tenant = await tenantRepository.create({
    tenantId,
    slug,
    name,
    portalEnabled: true,
    modules: input.modules ?? DEFAULT_MODULES,
    branding: input.branding ?? DEFAULT_BRANDING,
  });
  if (!tenant) {
    created = false;
    tenant = (await tenantRepository.get(tenantId))!;
    if (tenant.slug !== slug) throw new ProvisioningError(`Tenant id "${tenantId}" is already used by the tenant at "${tenant.slug}".`);
  }
  try {
    await tenantRepository.claimHost(hostKey, tenantId, true);
  } catch (err) {
    if (isConflict(err)) throw subdomainTaken(slug);
    throw err;
  }
  await teamRepository.ensureDefaults(tenantId);
  return { tenant, created };
}

const subdomainTaken = (slug: string) => new ProvisioningError(`The subdomain "${slug}" belongs to another tenant.`);

export interface NewStaffMember {
  tenantId: string;
  email: string;
  name: string;
  /** The staff-pool group the member joins. */
  group: StaffGroup;
  /**
   * Local demo and tests only: set this password at once instead of Cognito emailing a
   * temporary one. The CLI never sets it.
   */
  permanentPassword?: string;
  /**
   * The operator CLI: give a new member a generated permanent password, returned once.
   * Cognito's emailed temporary password would need its "new password required" step,
   * which Portico's sign-in does not offer.
   */
  generatePassword?: boolean;
}

/** 24 random characters plus one of each class the pool's policy asks for. */
function generatedPassword(): string {
  return `${randomBytes(18).toString('base64url')}aA7!`;
}

/**
 * A staff member: the StaffLogin record ((tenant, email) → Cognito username), then the
 * staff-pool user (username `<tenantId>.<staffId>`, `custom:tenantId`, Cognito emails a
 * temporary password), then its group. The record is written first, so a run that
 * stopped halfway is finished by the next one instead of leaving a second user behind.
 */
export async function createStaffMember(input: NewStaffMember): Promise<{ staffId: string; username: string; created: boolean; password?: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ProvisioningError(`"${input.email}" is not an email address.`);
  const existing = await staffLoginRepository.getByEmail(input.tenantId, email);
  const staffId = existing?.staffId ?? newId('st');
  const username = existing?.cognitoUsername ?? `${input.tenantId}.${staffId}`;
  if (!existing) {
    await staffLoginRepository.put({ tenantId: input.tenantId, email, staffId, name: input.name, cognitoUsername: username, status: 'active' });
  }

  const { userPoolId } = poolIds('staff');
  const created = !(await cognitoUserExists(userPoolId, username));
  const password = input.permanentPassword ?? (created && input.generatePassword ? generatedPassword() : undefined);
  if (created) {
    await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: input.name },
          { Name: 'custom:tenantId', Value: input.tenantId },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
        ...(password ? { MessageAction: 'SUPPRESS' as const } : {}),
      }),
    );
  }
  if (password) {
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }));
  }
  await addToGroup(userPoolId, username, input.group);
  return { staffId, username, created, ...(created && input.generatePassword ? { password } : {}) };
}

async function cognitoUserExists(userPoolId: string, username: string): Promise<boolean> {
  try {
    await cognito().send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'UserNotFoundException') return false;
    throw err;
  }
}

/** Idempotent: a member already in the group stays in it. */
async function addToGroup(userPoolId: string, username: string, group: StaffGroup): Promise<void> {
  await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
}
