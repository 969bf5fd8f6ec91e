import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolGroup,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';

import type { PoolKind } from '../../functions/core/callers';
import { STAFF_GROUPS } from '../../functions/identity/staffGroups';
import { TOKEN_LIFETIMES } from '../../functions/identity/tokenLifetimes';

/** Cognito groups of the staff pool (one list, shared with the local pools and the operator CLI). */
export { STAFF_GROUPS };

/** Name of the immutable tenant attribute; tokens carry it as `custom:tenantId`. */
export const TENANT_ATTRIBUTE = 'tenantId';

interface PoolOptions {
  mfa: Mfa;
  /** Which pool: its token lifetimes come from the one table the local pools use too. */
  kind: PoolKind;
}

/** One pool's settings; both pools share everything but MFA and session length. */
function createPool(scope: Construct, id: string, opts: PoolOptions): { pool: UserPool; client: UserPoolClient } {
  const pool = new UserPool(scope, id, {
    // Usernames are ours (opaque ids): one email may hold logins at several tenants,
    // so the (tenant, email) → username map lives in the table, not in Cognito.
    signInAliases: { username: true },
    signInCaseSensitive: false,
    selfSignUpEnabled: false,
    standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
    customAttributes: { [TENANT_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
    autoVerify: { email: true },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(7),
      passwordHistorySize: 5,
    },
    mfa: opts.mfa,
    mfaSecondFactor: opts.mfa === Mfa.OFF ? undefined : { otp: true, sms: false, email: false },
    // Plus tier: compromised-credential checks and adaptive authentication, enforced.
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const client = pool.addClient('WebClient', {
    // The API calls InitiateAuth for the site and keeps tokens in HttpOnly cookies: no browser SDK, no hosted UI.
    authFlows: { userPassword: true },
    disableOAuth: true,
    generateSecret: false,
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.seconds(TOKEN_LIFETIMES[opts.kind].access),
    idTokenValidity: Duration.seconds(TOKEN_LIFETIMES[opts.kind].id),
    refreshTokenValidity: Duration.seconds(TOKEN_LIFETIMES[opts.kind].refresh),
    readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes(TENANT_ATTRIBUTE),
    // Deliberately neither the tenant nor the email: both are only changed by Portico's own services.
    writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
  });
  return { pool, client };
}

/** The two user pools: portal users of every tenant, and tenant staff. */
export class AuthStack extends Stack {
  readonly portalPool: UserPool;
  readonly portalClient: UserPoolClient;
  readonly staffPool: UserPool;
  readonly staffClient: UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    ({ pool: this.portalPool, client: this.portalClient } = createPool(this, 'PortalPool', {
      mfa: Mfa.OFF,
      kind: 'portal',
    }));
    acknowledge(
      this.portalPool,
      'AwsSolutions-COG2',
      "Portal users are the tenants' customer and supplier contacts, invited by staff; requiring MFA would block adoption. " +
        'Plus-tier threat protection (compromised credentials, adaptive risk) is enforced instead.',
    );

    ({ pool: this.staffPool, client: this.staffClient } = createPool(this, 'StaffPool', {
      mfa: Mfa.OPTIONAL,
      kind: 'staff',
    }));
    acknowledge(
      this.staffPool,
      'AwsSolutions-COG2',
      'Staff MFA is optional (TOTP) by product decision until the admin console offers enrolment; ' +
        'threat protection is enforced and staff sessions are limited to 12 hours.',
    );
    for (const [groupName, description] of Object.entries(STAFF_GROUPS)) {
      new UserPoolGroup(this, `Group-${groupName}`, { userPool: this.staffPool, groupName, description });
    }

    new CfnOutput(this, 'PortalUserPoolId', { value: this.portalPool.userPoolId });
    new CfnOutput(this, 'PortalUserPoolClientId', { value: this.portalClient.userPoolClientId });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.staffPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.staffClient.userPoolClientId });
  }
}
