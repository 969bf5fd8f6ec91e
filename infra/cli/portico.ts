import { parseArgs } from 'node:util';

/**
 * The operator CLI: `npm run portico -- <command> [flags]`. It runs on the operator's
 * machine with the operator's AWS credentials and the same services the Lambdas use,
 * configured the same way, through environment variables.
 *
 * Where the table and pools are: flags win; without them, the outputs of the deployed
 * stacks (`<prefix>-Data`, `<prefix>-Auth`) are read with CloudFormation. Reading the
 * outputs means the operator copies no ids by hand and always targets the deployment
 * they name (`--stack-prefix`); the flags keep the CLI usable without
 * cloudformation:DescribeStacks and against the local stand-ins.
 */

export const USAGE = `Usage: npm run portico -- create-tenant --slug <slug> --name <name> --staff-email <email> [options]

Creates a tenant (settings, its <slug> subdomain, the default teams) and its first staff
user in the tenant-admin group, with a generated password printed once.
Safe to run again: what exists is kept.

Options:
  --slug <slug>            subdomain of the portal base domain (also the tenant id unless --tenant-id)
  --name <name>            the business's name, as its customers see it
  --staff-email <email>    the first staff user's email
  --staff-name <name>      their name (default: the part of the email before @)
  --tenant-id <id>         immutable tenant id (default: the slug)
  --stack-prefix <prefix>  the deployment's stack prefix (default: Portico)
  --table <name>           DynamoDB table (default: output TableName of <prefix>-Data)
  --staff-pool <id>        staff user pool id (default: output StaffUserPoolId of <prefix>-Auth)
  --region <region>        AWS region (default: AWS_REGION, then eu-west-1)
  --base-domain <domain>   portal base domain, only to print the portal's address

       npm run portico -- backfill-ledger --tenant-id <id> [--company <id>] [--table <name>]

Enters the invoices published before the statement-of-account ledger existed into it
(each company's, or one company's): one conditional write per invoice, safe beside live
traffic and safe to run again (docs/architecture.md, "Statement of account").
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** The CLI's flags. */
const OPTIONS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  'staff-email': { type: 'string' },
  'staff-name': { type: 'string' },
  'tenant-id': { type: 'string' },
  'stack-prefix': { type: 'string', default: 'Portico' },
  table: { type: 'string' },
  'staff-pool': { type: 'string' },
  region: { type: 'string' },
  'base-domain': { type: 'string' },
  company: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one CLI invocation; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS,
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'backfill-ledger' && positionals.length === 1) return backfillLedger(values, io);
  if (command !== 'create-tenant' || positionals.length > 1) {
    io.err(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
    return 2;
  }
  const missing = (['slug', 'name', 'staff-email'] as const).filter((k) => !values[k]);
  if (missing.length) {
    io.err(`Missing ${missing.map((k) => `--${k}`).join(', ')}.\n\n${USAGE}`);
    return 2;
  }

  // Imported only now, after the environment is set: the services read it on first use.
  const { ProvisioningError, createStaffMember, createTenant } = await import('../../functions/customers/tenants');
  try {
    if (values.region) process.env.AWS_REGION = values.region;
    const target = await resolveTarget(values['stack-prefix']!, values.table, values['staff-pool']);
    process.env.TABLE_NAME = target.table;
    process.env.STAFF_USER_POOL_ID = target.staffPool;

    const email = values['staff-email']!;
    const { tenant, created } = await createTenant({ slug: values.slug!, name: values.name!, tenantId: values['tenant-id'] });
    const staff = await createStaffMember({
      tenantId: tenant.tenantId,
      email,
      name: values['staff-name'] ?? email.split('@')[0]!,
      group: 'tenant-admin',
      generatePassword: true,
    });

    io.out(`${created ? 'Created' : 'Kept the existing'} tenant "${tenant.name}" (id ${tenant.tenantId}) in table ${target.table}.`);
    io.out(
      `  Portal:     ${values['base-domain'] ? `https://${tenant.slug}.${values['base-domain']}` : `subdomain "${tenant.slug}" of the portal base domain`}`,
    );
    io.out(`  Staff user: ${email} (tenant-admin), Cognito username ${staff.username}`);
    io.out(
      staff.password
        ? `  Password:   ${staff.password}   (shown only now: hand it to ${email} over a safe channel)`
        : '  That staff user already existed: their password was left as it was.',
    );
    return 0;
  } catch (err) {
    if (err instanceof ProvisioningError || err instanceof TargetError) {
      io.err(err.message);
      return 1;
    }
    io.err(`Failed: ${(err as Error).name}: ${(err as Error).message}`);
    return 1;
  }
}

class TargetError extends Error {}

/** `backfill-ledger`: every company of the tenant (or the one named), a page of companies at a time. */
async function backfillLedger(
  values: { 'tenant-id'?: string; company?: string; table?: string; 'stack-prefix'?: string; region?: string },
  io: CliIo,
): Promise<number> {
  const tenantId = values['tenant-id'];
  if (!tenantId) {
    io.err(`Missing --tenant-id.\n\n${USAGE}`);
    return 2;
  }
  try {
    if (values.region) process.env.AWS_REGION = values.region;
    process.env.TABLE_NAME = values.table ?? (await stackOutputs([`${values['stack-prefix'] ?? 'Portico'}-Data`])).TableName;
    if (!process.env.TABLE_NAME) throw new TargetError('No table: pass --table, or deploy the Data stack with a TableName output.');
    const { backfillCompanyLedger } = await import('../../functions/documents/statements/ledgerBackfill');
    const { companyRepository } = await import('../../functions/customers/companyRepository');
    let companies = values.company ? [values.company] : [];
    let cursor: string | undefined;
    do {
      if (!values.company) {
        const page = await companyRepository.list(tenantId, { limit: 100, cursor });
        companies = page.items.map((c) => c.companyId);
        cursor = page.cursor;
      }
      for (const companyId of companies) {
        const { scanned, entered } = await backfillCompanyLedger(tenantId, companyId);
        io.out(`${companyId}: ${entered} of ${scanned} invoices entered into the ledger`);
      }
    } while (cursor);
    return 0;
  } catch (err) {
    io.err(err instanceof TargetError ? err.message : `Failed: ${(err as Error).name}: ${(err as Error).message}`);
    return 1;
  }
}

/** The table and staff pool: from the flags, else from the deployed stacks' outputs. */
async function resolveTarget(prefix: string, table?: string, staffPool?: string): Promise<{ table: string; staffPool: string }> {
  if (table && staffPool) return { table, staffPool };
  const outputs = await stackOutputs([`${prefix}-Data`, `${prefix}-Auth`]);
  const resolved = { table: table ?? outputs.TableName, staffPool: staffPool ?? outputs.StaffUserPoolId };
  if (!resolved.table || !resolved.staffPool) {
    throw new TargetError(
      `The stacks ${prefix}-Data and ${prefix}-Auth have no TableName / StaffUserPoolId output. Deployed with another --stack-prefix? Or pass --table and --staff-pool.`,
    );
  }
  return resolved as { table: string; staffPool: string };
}

async function stackOutputs(stackNames: string[]): Promise<Record<string, string | undefined>> {
  // Loaded only when needed: flags alone need no CloudFormation client.
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const client = new CloudFormationClient({ region: process.env.AWS_REGION ?? 'eu-west-1' });
  try {
    const outputs: Record<string, string | undefined> = {};
    for (const StackName of stackNames) {
      try {
        const { Stacks } = await client.send(new DescribeStacksCommand({ StackName }));
        for (const o of Stacks?.[0]?.Outputs ?? []) if (o.OutputKey) outputs[o.OutputKey] = o.OutputValue;
      } catch (err) {
        throw new TargetError(`Cannot read stack ${StackName}: ${(err as Error).message}`);
      }
    }
    return outputs;
  } finally {
    client.destroy();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
