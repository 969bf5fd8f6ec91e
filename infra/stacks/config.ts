import { existsSync } from 'node:fs';
import type { Environment } from 'aws-cdk-lib';
import type { Node } from 'constructs';

/** Everything an operator may set for one Portico deployment (cdk.json context or `-c key=value`). */
export interface PorticoConfig {
  /** Tenants are served at `<slug>.<portalBaseDomain>`. */
  portalBaseDomain: string;
  /** us-east-1 ACM certificate for `*.<portalBaseDomain>`; without it CloudFront serves only its own domain. */
  certificateArn?: string;
  /** Domain verified in SES; mail goes out from it. */
  mailDomain: string;
  /** Bare sending address (the mailer adds the tenant's name as display name). */
  mailFrom: string;
  /** Powertools log level of every Lambda. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Directory of the site build to upload; skipped when absent (tests, or before `npm run build:web`). */
  webBuildDir?: string;
  /** Prefix of the stack names, so two deployments can share an account (`Portico-Data`, …). */
  stackPrefix: string;
  env?: Environment;
}

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

function contextString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** Reads the config from context, with defaults that synthesize offline for a demo domain. */
export function configFromContext(node: Node): PorticoConfig {
  const portalBaseDomain = contextString(node, 'portalBaseDomain') ?? 'portal.example.com';
  const mailDomain = contextString(node, 'mailDomain') ?? portalBaseDomain;
  const logLevel = (contextString(node, 'logLevel') ?? 'INFO').toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`Context "logLevel" must be one of ${LOG_LEVELS.join(', ')}`);
  const certificateArn = contextString(node, 'certificateArn');
  if (certificateArn && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
    throw new Error('Context "certificateArn" must be an ACM certificate in us-east-1 (CloudFront only reads certificates from there)');
  }
  const webBuildDir = contextString(node, 'webBuildDir') ?? 'dist/web';
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  return {
    portalBaseDomain,
    certificateArn,
    mailDomain,
    mailFrom: contextString(node, 'mailFrom') ?? `no-reply@${mailDomain}`,
    logLevel: logLevel as PorticoConfig['logLevel'],
    webBuildDir: existsSync(webBuildDir) ? webBuildDir : undefined,
    stackPrefix: contextString(node, 'stackPrefix') ?? 'Portico',
    // Env-agnostic when no credentials are around (offline synth); pinned when the CLI knows the account.
    env: account || region ? { account, region } : undefined,
  };
}
