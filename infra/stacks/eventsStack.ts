import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus, Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { EVENT_SOURCE } from '../../events/catalogue';
import { EVENT_LAMBDA_TIMEOUT_SECONDS, lambdaOf, rules, type EventLambda, type EventRule } from '../../events/rules';
import { lambdaFiles } from '../lambdaBundling';
import { acknowledge } from '../nag';
import { functionEnvironment, type PorticoRuntime } from './constructs/functionEnvironment';
import { PorticoFunction } from './constructs/porticoFunction';
import { grantTableData } from './constructs/tableAccess';
import { NotifyInput } from './events/notifyInput';
import type { MailStack } from './mailStack';

export interface EventsStackProps extends StackProps {
  busName: string;
  /** Everything the notify Lambda's environment names, except the bus this stack creates. */
  runtime: Omit<PorticoRuntime, 'bus'>;
  mail: MailStack;
  /** Object read/write on the files bucket (DataStack), for the pdf Lambda that stores PDFs. */
  filesAccessPolicy: IManagedPolicy;
}

/** A dead-letter queue: encrypted, TLS-only, kept long enough for someone to look. */
function deadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    queue,
    'AwsSolutions-SQS3',
    'This queue is itself a dead-letter queue (of an EventBridge target or of Lambda async invocations); nothing consumes it automatically.',
  );
  return queue;
}

/**
 * The `portico` bus and, for each row of events/rules.ts, a rule delivering to the row's
 * Lambda — notify, or pdf for rendering PDFs — as `{ target, event }` (the full EventBridge
 * envelope), as the local bus does.
 */
export class EventsStack extends Stack {
  readonly bus: IEventBus;
  readonly notify: PorticoFunction;
  readonly pdf: PorticoFunction;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);

    this.bus = new EventBus(this, 'Bus', { eventBusName: props.busName, description: 'Portico domain events (see events/catalogue.ts)' });

    this.notify = new PorticoFunction(this, 'Notify', {
      lambda: 'notify',
      description: 'Portico notifiers: the targets of events/rules.ts',
      environment: functionEnvironment(this, { ...props.runtime, bus: this.bus }),
      timeout: Duration.seconds(EVENT_LAMBDA_TIMEOUT_SECONDS.notify),
      // EventBridge's DLQs catch failed deliveries; this one catches invocations whose handler kept failing.
      deadLetterQueue: deadLetterQueue(this, 'NotifyFailures'),
    });
    grantTableData(this.notify, props.runtime.table);
    props.mail.grantSend(this.notify);

    // Renders document PDFs off the request path: pdf-lib, fontkit and the Noto fonts (copied
    // beside the bundle) in a Lambda of its own. Memory and timeout from its measured budget
    // (docs/architecture.md, Budgets): a 500-line document in every script renders in seconds;
    // a ZIP of 1,000 documents' PDFs (documents/zips) needs minutes when most must be rendered
    // first, so the timeout is Lambda's longest, with the ZIP job stopping cleanly a minute before.
    this.pdf = new PorticoFunction(this, 'Pdf', {
      lambda: 'pdf',
      description: 'Portico PDF renderer: renders and stores document PDFs and ZIPs of them',
      environment: functionEnvironment(this, { ...props.runtime, bus: this.bus }),
      memorySize: 1024,
      timeout: Duration.seconds(EVENT_LAMBDA_TIMEOUT_SECONDS.pdf),
      deadLetterQueue: deadLetterQueue(this, 'PdfFailures'),
      files: lambdaFiles('pdf'),
    });
    grantTableData(this.pdf, props.runtime.table);
    this.pdf.role.addManagedPolicy(props.filesAccessPolicy);

    for (const row of rules) this.addRule(row);

    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
  }

  private addRule(row: EventRule): void {
    const rule = new Rule(this, `Rule-${row.name}`, {
      eventBus: this.bus,
      description: `${row.name}: ${row.description}`,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...row.detailTypes] },
    });
    const lambdas: Record<EventLambda, PorticoFunction> = { notify: this.notify, pdf: this.pdf };
    rule.addTarget(
      new LambdaFunction(lambdas[lambdaOf(row)].fn, {
        event: new NotifyInput(row.target),
        deadLetterQueue: deadLetterQueue(this, `DeadLetters-${row.name}`),
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      }),
    );
  }
}
