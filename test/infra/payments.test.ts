import { Match } from 'aws-cdk-lib/assertions';
import { activeLambdas } from '../../functions/routes';
import { buildTestApp, resourcesOf, type TestApp } from './support';

/**
 * The Stripe keys in the cloud: one Secrets Manager secret, kept when the stack goes,
 * readable by the payments Lambda only (by ARN, through the Parameters and Secrets
 * extension), and never an environment variable of its own.
 */
let t: TestApp;
beforeAll(() => {
  t = buildTestApp();
});

type Fn = {
  Description: string;
  Environment: { Variables: Record<string, unknown> };
  Layers?: unknown[];
  Timeout: number;
  Role: { 'Fn::GetAtt': [string, string] };
};

describe('payments in the api stack', () => {
  test('one retained secret for the Stripe keys, with placeholders to replace', () => {
    const api = t.template('api');
    // The api stack's other secret is the CloudFront origin header's (test/infra/stacks).
    const stripe = api.findResources('AWS::SecretsManager::Secret', {
      Properties: { GenerateSecretString: { SecretStringTemplate: Match.stringLikeRegexp('"secretKey"') } },
    });
    expect(Object.values(stripe)).toEqual([expect.objectContaining({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })]);
    api.hasOutput('StripeSecretArn', Match.anyValue());
  });

  test('only the payments Lambda is told where the secret is and has the extension; no Stripe key is in any environment', () => {
    expect(activeLambdas()).toContain('payments');
    for (const fn of resourcesOf<Fn>(t.template('api'), 'AWS::Lambda::Function')) {
      const vars = fn.Properties.Environment.Variables;
      const isPayments = fn.Properties.Description === 'Portico API: payments routes';
      expect(vars.STRIPE_SECRET_ARN !== undefined).toBe(isPayments);
      expect((fn.Properties.Layers ?? []).length > 0).toBe(isPayments);
      // Stripe may be slow: the payments Lambda waits longer than the others, and less than API Gateway's 30 s.
      expect(fn.Properties.Timeout).toBe(isPayments ? 25 : 10);
      for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE']) expect(vars[name]).toBeUndefined();
    }
  });

  test('the payments role may read that one secret, and no other role may', () => {
    const api = t.template('api');
    const [secretId] = Object.keys(
      api.findResources('AWS::SecretsManager::Secret', {
        Properties: { GenerateSecretString: { SecretStringTemplate: Match.stringLikeRegexp('"secretKey"') } },
      }),
    );
    expect(secretId).toBeDefined();
    const policies = resourcesOf<{ Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown }> } }>(
      api,
      'AWS::IAM::Policy',
    );
    const readers = policies.filter((p) => p.Properties.PolicyDocument.Statement.some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue')));
    expect(readers).toHaveLength(1);
    const statement = readers[0]!.Properties.PolicyDocument.Statement.find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))!;
    expect(statement.Resource).toEqual({ Ref: secretId });
    const roles = api.findResources('AWS::IAM::Role', { Properties: { Description: 'Portico API: payments routes' } });
    expect(readers[0]!.Properties.Roles).toEqual([{ Ref: Object.keys(roles)[0] }]);
  });
});
