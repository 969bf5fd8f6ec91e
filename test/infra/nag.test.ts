import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeWildcards, addNagChecks } from '../../infra/nag';
import { buildTestApp, fakeWebBuild, type TestApp } from './support';

const variants: Record<string, () => TestApp> = {
  // What the tests and an offline `npm run synth` without a build see.
  'default context': () => buildTestApp(),
  // What a production deploy sees: own certificate (other TLS settings) and a site upload (CDK's deployment handler).
  'certificate and web build': () => buildTestApp({ certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc', webBuildDir: fakeWebBuild() }),
};

describe.each(Object.keys(variants))('cdk-nag AwsSolutions, %s', (variant) => {
  let t: TestApp;
  beforeAll(() => {
    t = variants[variant]!();
    // Registered exactly as infra/bin/app.ts does: synth throws with the report on any unacknowledged finding.
    addNagChecks(t.app);
    t.app.synth();
  });

  test('no unacknowledged finding (errors or warnings)', () => {
    const report = new AwsSolutionsChecks().validateScope(t.app);
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
    expect(findings).toEqual([]);
  });

  test('no AwsSolutions annotations on any stack', () => {
    // cdk-nag 3 reports through the validation report, not annotations; this guards against a v2-style pack creeping back.
    for (const stack of Object.values(t.stacks)) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
      expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    }
  });
});

describe('acknowledgeWildcards', () => {
  test('names findings as cdk-nag does and refuses a wildcard without a reason', () => {
    const stack = new Stack();
    const policy = new ManagedPolicy(stack, 'P', {
      statements: [new PolicyStatement({ actions: ['s3:GetObject', 's3:List*'], resources: ['arn:aws:s3:::b/*'] })],
    });
    const only = [{ finding: /^Resource::arn:aws:s3:::b\/\*$/, reason: 'test' }];
    expect(() => acknowledgeWildcards(policy, policy.document, only)).toThrow('no reason given for wildcard Action::s3:List*');
    expect(() => acknowledgeWildcards(policy, policy.document, [...only, { finding: /^Action::s3:List\*$/, reason: 'test' }])).not.toThrow();
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});
