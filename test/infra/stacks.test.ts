import { Match, type Template } from 'aws-cdk-lib/assertions';
import { ENV_NAMES } from '../../functions/aws/env';
import { ORIGIN_HEADER, ORIGIN_SECRET_ENV } from '../../functions/http/originSecret';
import { TABLE_KEYS } from '../../functions/table/tableDesign';
import { activeLambdas, routes } from '../../functions/routes';
import { rules } from '../../events/rules';
import { API_THROTTLE } from '../../infra/stacks/apiStack';
import { STAFF_GROUPS } from '../../infra/stacks/authStack';
import { EVENT_BUS_NAME } from '../../infra/stacks/portico';
import { buildTestApp, resourcesOf, type TestApp } from './support';

// One app, synthesized once, for every assertion in this file.
let t: TestApp;
beforeAll(() => {
  t = buildTestApp();
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const statementsOf = (template: Template, type = 'AWS::IAM::Policy'): Statement[] =>
  resourcesOf<{ PolicyDocument: { Statement: Statement[] } }>(template, type).flatMap((p) => p.Properties.PolicyDocument.Statement);
const actionsOf = (template: Template): string[] => statementsOf(template).flatMap((s) => asArray(s.Action));

/** Every bucket of a template: encrypted, all public access blocked, and a policy denying non-TLS requests. */
function expectSecureBuckets(template: Template): void {
  const buckets = template.findResources('AWS::S3::Bucket');
  expect(Object.keys(buckets).length).toBeGreaterThan(0);
  for (const [logicalId, bucket] of Object.entries(buckets)) {
    const props = (bucket as { Properties: Record<string, unknown> }).Properties;
    expect(props.BucketEncryption).toBeDefined();
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  }
}

describe('data stack', () => {
  test('one table: pk/sk, gsi1 to gsi4, on demand, PITR, deletion protection, TTL, retained', () => {
    const data = t.template('data');
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
        GlobalSecondaryIndexes: TABLE_KEYS.gsis.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      },
    });
    // gsi3 (number search) and gsi4 (deadlines) came with documents (tableDesign.ts).
    expect(TABLE_KEYS.gsis.map((g) => g.indexName)).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4']);
  });

  test('files bucket is versioned and logs to the log bucket; every bucket is private, encrypted and TLS-only', () => {
    const data = t.template('data');
    data.resourceCountIs('AWS::S3::Bucket', 2);
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'files/' },
      },
    });
    expectSecureBuckets(data);
  });

  test('files bucket: ZIPs of documents’ PDFs (zips/) and uploads never attached (pending-uploads/) expire after a day', () => {
    t.template('data').hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'ExpireDocumentZips', Prefix: 'zips/', ExpirationInDays: 1, Status: 'Enabled' }),
          Match.objectLike({ Id: 'ExpirePendingUploads', Prefix: 'pending-uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
        ]),
      },
      LoggingConfiguration: { LogFilePrefix: 'files/', DestinationBucketName: Match.anyValue() },
    });
  });
});

describe('auth stack', () => {
  interface PoolProps {
    Schema: Array<{ Name: string; Mutable?: boolean }>;
    MfaConfiguration: string;
    EnabledMfas?: string[];
  }

  test('two pools: usernames, no self sign-up, strong passwords, threat protection, immutable custom:tenantId', () => {
    const auth = t.template('auth');
    auth.resourceCountIs('AWS::Cognito::UserPool', 2);
    auth.resourcePropertiesCountIs(
      'AWS::Cognito::UserPool',
      {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        UsernameAttributes: Match.absent(),
        AliasAttributes: Match.absent(),
      },
      2,
    );
    for (const pool of resourcesOf<PoolProps>(auth, 'AWS::Cognito::UserPool')) {
      expect(pool.Properties.Schema).toContainEqual(expect.objectContaining({ Name: 'tenantId', Mutable: false }));
    }
  });

  test('staff may enrol TOTP; staff pool has the tenant-admin group', () => {
    const auth = t.template('auth');
    auth.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    const groups = resourcesOf<{ GroupName: string }>(auth, 'AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(Object.keys(STAFF_GROUPS).sort());
    expect(groups).toContain('tenant-admin');
  });

  test('app clients read custom:tenantId but cannot write it; password auth, no secret, revocation', () => {
    const auth = t.template('auth');
    const clients = resourcesOf<{ ReadAttributes: string[]; WriteAttributes: string[] }>(auth, 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(2);
    for (const c of clients) {
      expect(c.Properties.ReadAttributes).toContain('custom:tenantId');
      expect(c.Properties.WriteAttributes.length).toBeGreaterThan(0); // empty would mean "all writable"
      expect(c.Properties.WriteAttributes).not.toContain('custom:tenantId');
      expect(c.Properties.WriteAttributes).not.toContain('email');
    }
    auth.resourcePropertiesCountIs(
      'AWS::Cognito::UserPoolClient',
      {
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        GenerateSecret: false,
        EnableTokenRevocation: true,
        PreventUserExistenceErrors: 'ENABLED',
        AllowedOAuthFlowsUserPoolClient: false,
      },
      2,
    );
  });
});

describe('mail stack', () => {
  test('a domain identity with DKIM, sending through a configuration set with reputation metrics and suppression', () => {
    const mail = t.template('mail');
    mail.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'portal.example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    mail.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('api stack', () => {
  const apiFunctions = () =>
    resourcesOf<{ Runtime: string; Architectures: string[]; Environment: { Variables: Record<string, unknown> }; Handler: string }>(
      t.template('api'),
      'AWS::Lambda::Function',
    );

  test('one Lambda per active route group: nodejs22.x on arm64, with the whole environment contract', () => {
    expect(apiFunctions()).toHaveLength(activeLambdas().length);
    for (const fn of apiFunctions()) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const vars = fn.Properties.Environment.Variables;
      for (const name of ENV_NAMES) expect(vars[name]).toBeDefined();
      expect(vars.POWERTOOLS_SERVICE_NAME).toBe('portico');
      expect(vars.POWERTOOLS_LOG_LEVEL).toBe('INFO');
    }
  });

  test('one route per route table row, each integrated with a payload-2.0 Lambda proxy', () => {
    const api = t.template('api');
    api.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    api.resourceCountIs('AWS::ApiGatewayV2::Integration', activeLambdas().length);
    api.allResourcesProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    // One invoke permission per function, not per route (Lambda resource policies are capped at 20 KB).
    api.resourceCountIs('AWS::Lambda::Permission', activeLambdas().length);
  });

  test('the $default stage logs access and throttles', () => {
    t.template('api').hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit },
    });
  });

  test('least privilege: no wildcard actions, no Scan; files and Cognito admin only for the groups that need them', () => {
    const api = t.template('api');
    const actions = actionsOf(api);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
    for (const group of activeLambdas()) {
      const { actions: groupActions, managedPolicies } = grantsOfGroup(api, group);
      expect(groupActions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'events:PutEvents']));
      expect(groupActions.some((a) => a.startsWith('cognito-idp:'))).toBe(group === 'auth' || group === 'admin');
      expect(managedPolicies).toBe(group === 'files' ? 1 : 0);
    }
  });
});

/** Actions in the inline policies of one group's role, and how many managed policies it has. */
function grantsOfGroup(api: Template, group: string): { actions: string[]; managedPolicies: number } {
  const roles = api.findResources('AWS::IAM::Role', { Properties: { Description: `Portico API: ${group} routes` } });
  const [roleId, role] = Object.entries(roles)[0]!;
  const policies = resourcesOf<{ Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } }>(api, 'AWS::IAM::Policy').filter((p) =>
    p.Properties.Roles.some((r) => r.Ref === roleId),
  );
  return {
    actions: policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((st) => asArray(st.Action))),
    managedPolicies: ((role as { Properties: { ManagedPolicyArns?: unknown[] } }).Properties.ManagedPolicyArns ?? []).length,
  };
}

describe('events stack', () => {
  test('the portico bus, one rule per rule table row, each target with retries and its own encrypted, TLS-only dead-letter queue', () => {
    const events = t.template('events');
    events.hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
    events.resourceCountIs('AWS::Events::Rule', rules.length);
    const targets = resourcesOf<{ Targets: Array<{ DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: object }> }>(events, 'AWS::Events::Rule').flatMap(
      (r) => r.Properties.Targets,
    );
    const dlqs = new Set(targets.map((x) => JSON.stringify(x.DeadLetterConfig?.Arn)));
    expect(dlqs.size).toBe(rules.length);
    for (const target of targets) expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 });
    // Rule DLQs plus the notify and pdf functions' own async-failure queues.
    events.resourceCountIs('AWS::SQS::Queue', rules.length + 2);
    events.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    events.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } },
      rules.length + 2,
    );
  });

  test('the pdf Lambda: its own, with the memory and time of its budget, may use the table and the files bucket but not send mail', () => {
    const events = t.template('events');
    const [pdf] = resourcesOf<{ Description: string; MemorySize: number; Timeout: number; Role: { 'Fn::GetAtt': [string, string] } }>(
      events,
      'AWS::Lambda::Function',
    ).filter((f) => f.Properties.Description.startsWith('Portico PDF renderer'));
    expect(pdf!.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 1024, Timeout: 900 });
    const role = Object.values(events.findResources('AWS::IAM::Role')).find((r) =>
      (r as { Properties: { Description?: string } }).Properties.Description?.startsWith('Portico PDF renderer'),
    ) as { Properties: { ManagedPolicyArns?: unknown[] } };
    expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
  });

  test('the notify Lambda: nodejs22.x on arm64, may send through the SES identity and use the table', () => {
    const events = t.template('events');
    events.resourceCountIs('AWS::Lambda::Function', 2);
    events.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Architectures: ['arm64'], DeadLetterConfig: Match.anyValue() });
    const actions = actionsOf(events);
    expect(actions).toEqual(expect.arrayContaining(['ses:SendEmail', 'dynamodb:Query', 'dynamodb:PutItem']));
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });
});

describe('site stack', () => {
  const distribution = () =>
    resourcesOf<{ DistributionConfig: Record<string, any> }>(t.template('site'), 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig;

  test('the site bucket is private, encrypted, TLS-only, readable only by the distribution through OAC', () => {
    const site = t.template('site');
    expectSecureBuckets(site);
    site.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = distribution().Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    site.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } })]),
      },
    });
  });

  test('/api/* goes to the HTTP API: all methods, no caching, all viewer headers but Host, host copied to x-forwarded-host', () => {
    const config = distribution();
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      ViewerProtocolPolicy: 'https-only',
      FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })],
    });
    const apiOrigin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(apiOrigin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
    expect(config.Logging).toEqual({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
  });

  test('the API answers only through CloudFront: the /api origin sends the generated origin secret, and every API Lambda requires that very secret', () => {
    const api = t.template('api');
    const secrets = api.findResources('AWS::SecretsManager::Secret', { Properties: { Description: Match.stringLikeRegexp('execute-api bypass') } });
    const [secretId, secret] = Object.entries(secrets)[0]!;
    expect(Object.keys(secrets)).toHaveLength(1);
    expect((secret as { Properties: unknown }).Properties).toMatchObject({ GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 48 } });
    const resolved = (ref: unknown) => ({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', ref, ':SecretString:::}}']] });

    // Every API Lambda is told the value as a dynamic reference (resolved at deploy, never in the template).
    for (const fn of resourcesOf<{ Environment: { Variables: Record<string, unknown> } }>(api, 'AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables[ORIGIN_SECRET_ENV]).toEqual(resolved({ Ref: secretId }));
    }
    // CloudFront adds the same secret (through the api stack's output of it) to every request to the API origin.
    const outputs = api.toJSON().Outputs as Record<string, { Value: unknown }>;
    const secretOutput = Object.entries(outputs).find(([, o]) => JSON.stringify(o.Value) === JSON.stringify({ Ref: secretId }))![0];
    const config = distribution();
    const apiOrigin = config.Origins.find((o: { Id: string }) => o.Id === config.CacheBehaviors[0].TargetOriginId);
    expect(apiOrigin.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_HEADER, HeaderValue: resolved({ 'Fn::GetStackOutput': expect.objectContaining({ OutputName: secretOutput }) }) },
    ]);
  });

  test('security headers: CSP with frame-ancestors none, two-year HSTS with preload, nosniff, referrer policy, DENY; uploads may reach the files bucket', () => {
    t.template('site').hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        },
      },
    });
    const policy = resourcesOf<{ ResponseHeadersPolicyConfig: { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } } }>(
      t.template('site'),
      'AWS::CloudFront::ResponseHeadersPolicy',
    )[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    // The files bucket's regional domain is only known at deploy time: the CSP is a join around the data stack's output.
    const csp = flattenJoin(policy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(csp).toMatch(/connect-src 'self' https:\/\/\{[^;]*Files[0-9A-F]{8}RegionalDomainName[^;]*\}; /);
  });

  test('without a certificate, no alternate domain names and no site upload', () => {
    const config = distribution();
    expect(config.Aliases).toBeUndefined();
    t.template('site').resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

/** A CloudFormation string with `Fn::Join` resolved and any other intrinsic shown as `{<its JSON>}`. */
function flattenJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  return join ? join[1].map(flattenJoin).join(join[0]) : `{${JSON.stringify(value)}}`;
}
