import { Stack, Validations, type App } from 'aws-cdk-lib';
import type { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
// The function cdk-nag itself uses to name IAM5 findings (not re-exported from its index).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin: `cdk synth` fails (exit 1) on any
 * finding that is not acknowledged. Acknowledgements live next to the construct that
 * causes them, each with the specific reason it is accepted.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/**
 * Acknowledges one cdk-nag finding on `scope` (and everything under it). For findings
 * with a detail, pass the full id, e.g. `AwsSolutions-IAM5[Action::s3:GetObject*]`.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** Reason shared by every Lambda that is pinned to nodejs22.x. */
export const NODE22_REASON =
  'Pinned to nodejs22.x on purpose: bundles target node20 so the very same code runs in the local runtime on Node 20; ' +
  'moving to nodejs24.x is a deliberate upgrade of both runtimes, not a default.';

export interface WildcardReason {
  /** Matched against the finding, e.g. `Action::s3:List*` or `Resource::<SiteE53D7754.Arn>/*`. */
  finding: RegExp;
  reason: string;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** The IAM5 findings of a resolved policy document, named exactly as cdk-nag names them. */
export function wildcardFindings(resolvedDocument: { Statement?: Statement[] }): string[] {
  const findings = new Set<string>();
  for (const statement of resolvedDocument.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of asArray(statement.Action)) if (action.includes('*')) findings.add(`Action::${action}`);
    for (const resource of asArray(statement.Resource)) {
      const flat = flattenCfnReference(resource);
      if (flat.includes('*')) findings.add(`Resource::${flat}`);
    }
  }
  return [...findings];
}

/**
 * Acknowledges every wildcard (IAM5) finding of `document`, each with the reason whose
 * pattern matches it, and throws if one matches none: a new wildcard needs its own reason.
 * Finding ids embed logical ids, the account and the region, so they are computed rather
 * than copied. Call it once all grants are added, for documents that reference only
 * resources of their own stack (cross-stack references are rewritten after this runs).
 */
export function acknowledgeWildcards(scope: IConstruct, document: PolicyDocument, reasons: WildcardReason[]): void {
  const resolved = Stack.of(scope).resolve(document) as { Statement?: Statement[] };
  for (const finding of wildcardFindings(resolved)) {
    const match = reasons.find((r) => r.finding.test(finding));
    if (!match) throw new Error(`${scope.node.path}: no reason given for wildcard ${finding}`);
    acknowledge(scope, `AwsSolutions-IAM5[${finding}]`, match.reason);
  }
}
