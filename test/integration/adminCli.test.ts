import { AdminGetUserCommand, AdminListGroupsForUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { staffLoginRepository } from '../../functions/identity/staffLoginRepository';
import { teamRepository } from '../../functions/customers/teamRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { runCli } from '../../infra/cli/portico';
import { adminClient, uniqueEmail } from '../support/adminApi';
import { signIn } from '../support/callers';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The operator CLI's create-tenant, run as a function against this test stack's table
 * and the local staff pool (flags instead of CloudFormation outputs).
 */
jest.setTimeout(60_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
});
afterAll(async () => {
  await stack?.stop();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const target = ['--table', stack.tableName, '--staff-pool', stack.endpoints.staffPool.poolId];
  const code = await runCli([...args, ...(args[0] === 'create-tenant' ? target : [])], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const newSlug = () => `t${randomBytes(4).toString('hex')}`;

describe('portico create-tenant', () => {
  it('creates the tenant, its subdomain, default teams and first staff user', async () => {
    const slug = newSlug();
    const email = uniqueEmail('ops');
    const run = await cli('create-tenant', '--slug', slug, '--name', 'Acme Ltd', '--staff-email', email, '--base-domain', 'portal.example.com');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Created tenant "Acme Ltd" (id ${slug})`);
    expect(run.out).toContain(`https://${slug}.portal.example.com`);
    const printed = /Password:\s+(\S+)/.exec(run.out)?.[1];
    expect(printed).toBeDefined();

    expect(await tenantRepository.get(slug)).toMatchObject({
      tenantId: slug,
      slug,
      name: 'Acme Ltd',
      portalEnabled: true,
      modules: expect.arrayContaining(['quotes', 'orders', 'invoices']),
    });
    expect(await tenantRepository.tenantIdForHost(`sub:${slug}`)).toBe(slug);
    expect((await teamRepository.list(slug)).map((t) => t.teamId).sort()).toEqual(['customer-portal-supplier-users', 'customer-portal-users']);

    const login = await staffLoginRepository.getByEmail(slug, email);
    expect(login).toMatchObject({ tenantId: slug, email, status: 'active', cognitoUsername: `${slug}.${login!.staffId}` });
    const UserPoolId = stack.endpoints.staffPool.poolId;
    const user = await stack.cognito.send(new AdminGetUserCommand({ UserPoolId, Username: login!.cognitoUsername }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'custom:tenantId', Value: slug },
        { Name: 'email', Value: email },
      ]),
    );
    const groups = await stack.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: login!.cognitoUsername }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['tenant-admin']);

    // The portal answers on the new subdomain at once.
    const pub = await stack.api(slug, '/api/public/tenant');
    expect(pub.status).toBe(200);
    expect(await pub.json()).toMatchObject({ id: slug, name: 'Acme Ltd' });

    // With the printed password, the staff member signs in and uses the admin API of their tenant.
    const password = printed!;
    const staff = adminClient(stack, slug, (await signIn(stack, slug, email, password, 'staff')).headers);
    expect((await staff('GET', '/api/admin/settings')).body).toMatchObject({
      tenantId: slug,
      name: 'Acme Ltd',
      domains: [{ host: `${slug}.localhost`, kind: 'subdomain' }],
    });
  });

  it('is safe to run again: the tenant and staff user are kept, no second user', async () => {
    const slug = newSlug();
    const email = uniqueEmail('ops');
    expect((await cli('create-tenant', '--slug', slug, '--name', 'Twice Ltd', '--staff-email', email)).code).toBe(0);
    const first = await staffLoginRepository.getByEmail(slug, email);
    const again = await cli('create-tenant', '--slug', slug, '--name', 'Renamed Ltd', '--staff-email', email);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Kept the existing tenant "Twice Ltd"');
    expect(again.out).toContain('already existed');
    expect(await staffLoginRepository.getByEmail(slug, email)).toEqual(first);
    expect((await tenantRepository.get(slug))?.name).toBe('Twice Ltd');
  });

  it('refuses a subdomain another tenant holds, and bad slugs, with a one-line reason', async () => {
    const slug = newSlug();
    expect((await cli('create-tenant', '--slug', slug, '--name', 'First', '--staff-email', uniqueEmail())).code).toBe(0);
    const clash = await cli('create-tenant', '--slug', slug, '--tenant-id', `${slug}-2`, '--name', 'Second', '--staff-email', uniqueEmail());
    expect(clash.code).toBe(1);
    expect(clash.err).toBe(`The subdomain "${slug}" belongs to another tenant.`);
    expect(await tenantRepository.get(`${slug}-2`)).toBeUndefined();

    for (const bad of ['Bad_Slug', '-edge', 'www', 'x'.repeat(64)]) {
      const res = await cli('create-tenant', `--slug=${bad}`, '--name', 'X', '--staff-email', uniqueEmail());
      expect(res.code).toBe(1);
      expect(res.err).toMatch(/not a usable subdomain|reserved/);
    }
    expect((await cli('create-tenant', '--slug', newSlug(), '--name', 'X', '--staff-email', 'not-an-email')).err).toMatch(/not an email address/);
  });

  it('explains its usage for missing flags and unknown commands', async () => {
    const missing = await cli('create-tenant', '--slug', newSlug());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Missing --name, --staff-email');
    const unknown = await runCli(['delete-everything'], { out: () => undefined, err: () => undefined });
    expect(unknown).toBe(2);
    const help: string[] = [];
    expect(await runCli(['--help'], { out: (l) => help.push(l), err: () => undefined })).toBe(0);
    expect(help.join('\n')).toContain('create-tenant --slug');
  });
});
