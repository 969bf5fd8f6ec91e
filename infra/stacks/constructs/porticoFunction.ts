import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal, type IGrantable, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing, type ParamsAndSecretsLayerVersion } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NODE22_REASON, acknowledge } from '../../nag';
import { LAMBDA_ESBUILD } from '../../lambdaBundling';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Where a function's Lambda entry lives; the local runtime loads the very same file. */
export const lambdaEntry = (lambda: string): string => path.join(REPO_ROOT, 'functions', 'lambdas', `${lambda}.ts`);

/** The CDK form of infra/lambdaBundling.ts, the one definition of how Lambdas are bundled. */
export const LAMBDA_BUNDLING = {
  minify: LAMBDA_ESBUILD.minify,
  sourceMap: false,
  target: LAMBDA_ESBUILD.target as string,
  format: OutputFormat.CJS,
  mainFields: LAMBDA_ESBUILD.mainFields,
  externalModules: LAMBDA_ESBUILD.external,
  esbuildArgs: Object.fromEntries(Object.entries(LAMBDA_ESBUILD.alias ?? {}).map(([from, to]) => [`--alias:${from}`, to])),
} satisfies BundlingOptions;

export interface PorticoFunctionProps {
  /** Its entry is `functions/lambdas/<lambda>.ts`, which exports `handler`. */
  lambda: string;
  description: string;
  environment: Record<string, string>;
  /** Default 256 MB; set per function from its measured peak (npm run bench). */
  memorySize?: number;
  timeout?: Duration;
  /** Where asynchronous invocations that failed all retries end up. */
  deadLetterQueue?: IQueue;
  /** The AWS Parameters and Secrets extension, for functions that read a secret at cold start without an SDK client. */
  paramsAndSecrets?: ParamsAndSecretsLayerVersion;
  /** Files copied beside the bundle (`from` relative to the repository, `to` relative to the bundle), e.g. the pdf Lambda's fonts. */
  files?: Array<{ from: string; to: string }>;
}

/**
 * A Portico Lambda: Node 22 on arm64, bundled by the local esbuild, with its own role
 * allowed nothing but its own log group and X-Ray; callers add data grants explicitly.
 */
export class PorticoFunction extends Construct implements IGrantable {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: PorticoFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // An own role instead of the default one with the AWSLambdaBasicExecutionRole managed policy,
    // which may write to every log group of the account.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.fn = new NodejsFunction(this, 'Function', {
      entry: lambdaEntry(props.lambda),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: props.environment,
      deadLetterQueue: props.deadLetterQueue,
      paramsAndSecrets: props.paramsAndSecrets,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: props.files ? { ...LAMBDA_BUNDLING, commandHooks: copyAfterBundling(props.files) } : LAMBDA_BUNDLING,
    });

    acknowledge(this.fn, 'AwsSolutions-L1', NODE22_REASON);
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) use Resource "*": X-Ray has no resource-level permissions for them.',
    );
  }

  /** Adds one least-privilege statement to this function's role. */
  allow(actions: string[], resources: string[]): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
  }
}

/** Bundling hooks that copy files beside the bundle once esbuild has written it. */
function copyAfterBundling(files: Array<{ from: string; to: string }>): NonNullable<BundlingOptions['commandHooks']> {
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      files.flatMap(({ from, to }) => [
        `mkdir -p ${quote(path.posix.dirname(path.posix.join(outputDir, to)))}`,
        `cp ${quote(path.posix.join(inputDir, from))} ${quote(path.posix.join(outputDir, to))}`,
      ]),
  };
}
