import { RuleTargetInput, type RuleTargetInputProperties } from 'aws-cdk-lib/aws-events';

/**
 * EventBridge's predefined variable for the whole matched event, `detail` included, as
 * JSON. (`<aws.events.event>` leaves `detail` out; a `$` input path is not among the
 * documented path forms.)
 */
export const WHOLE_EVENT = '<aws.events.event.json>';

/**
 * Input of the notify Lambda: `{ target, event }`, where `event` is the full EventBridge
 * envelope. The local bus (infra/local) delivers the same shape.
 */
export class NotifyInput extends RuleTargetInput {
  constructor(private readonly target: string) {
    super();
  }

  bind(): RuleTargetInputProperties {
    return { inputTemplate: `{"target":${JSON.stringify(this.target)},"event":${WHOLE_EVENT}}` };
  }
}

/** The notify target named by an InputTemplate written by NotifyInput. */
export function notifyTargetOf(inputTemplate: string): string {
  const parsed = JSON.parse(inputTemplate.replace(WHOLE_EVENT, 'null')) as { target?: unknown };
  if (typeof parsed.target !== 'string') throw new Error(`No notify target in ${inputTemplate}`);
  return parsed.target;
}

export interface RuleBinding {
  detailTypes: string[];
  target: string;
}

interface SynthesizedRule {
  Properties: {
    EventPattern: { source?: string[]; 'detail-type'?: string[] };
    Targets: Array<{ InputTransformer?: { InputTemplate: string } }>;
  };
}

/** Every (detail-types → notify target) pair of the EventBridge rules in a template, sorted. */
export function synthesizedRuleBindings(template: { findResources(type: string): Record<string, unknown> }): RuleBinding[] {
  const rules = Object.values(template.findResources('AWS::Events::Rule')) as SynthesizedRule[];
  return rules
    .flatMap((rule) =>
      rule.Properties.Targets.map((t) => ({
        detailTypes: [...(rule.Properties.EventPattern['detail-type'] ?? [])].sort(),
        target: notifyTargetOf(t.InputTransformer?.InputTemplate ?? '{}'),
      })),
    )
    .sort((a, b) => `${a.target} ${a.detailTypes}`.localeCompare(`${b.target} ${b.detailTypes}`));
}
