import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { ServicePrincipal, type IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ORIGIN_SECRET_ENV } from '../../functions/http/originSecret';
import { activeLambdas, routes, type ApiLambda } from '../../functions/routes';
import { acknowledge } from '../nag';
import { LAMBDA_ACCESS, type PoolKind } from './api/lambdaAccess';
import { SharedIntegration } from './api/sharedIntegration';
import { functionEnvironment, type PorticoRuntime } from './constructs/functionEnvironment';
import { PorticoFunction } from './constructs/porticoFunction';
import { grantTableData } from './constructs/tableAccess';

/** Stage-wide default throttle; per-tenant limits are the handlers' business. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

export interface ApiStackProps extends StackProps {
  runtime: PorticoRuntime;
  /** Object read/write on the files bucket (DataStack), attached to the Lambdas that handle files. */
  filesAccessPolicy: IManagedPolicy;
}

/**
 * The HTTP API: one Lambda per Lambda named in functions/routes.ts, one route per
 * row of the route table, all behind CloudFront's `/api/*`.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<ApiLambda, PorticoFunction>();
  /** Host name of the API's execute-api endpoint: CloudFront's origin for `/api/*`. */
  readonly apiDomain: string;
  /** The value CloudFront adds as `x-portico-origin` and every API Lambda requires (functions/http/originSecret.ts). */
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { runtime } = props;

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Portico API (functions/routes.ts)',
      // Our stage below carries access logs and throttling, which the implicit default stage cannot.
      createDefaultStage: false,
    });
    acknowledge(
      this.api,
      'AwsSolutions-APIG4',
      'Authorization is per route in the handlers (functions/http/authenticate.ts): Cognito ID tokens from HttpOnly cookies, ' +
        'hashed per-tenant API keys, or Stripe signatures, as the route table says. A gateway authorizer cannot express that mix.',
    );
    this.addStage();

    this.originSecret = this.makeOriginSecret();
    // Resolved by CloudFormation at deploy (a dynamic reference, never in the template): no
    // Secrets Manager call on a cold start. Changing the secret takes a deploy of both stacks.
    const environment = { ...functionEnvironment(this, runtime), [ORIGIN_SECRET_ENV]: this.originSecret.secretValue.unsafeUnwrap() };
    const pools: Record<PoolKind, IUserPool> = { portal: runtime.portalPool, staff: runtime.staffPool };
    const stripe = activeLambdas().some((g) => LAMBDA_ACCESS[g].stripe) ? this.stripeSecret() : undefined;
    for (const lambda of activeLambdas()) {
      const access = LAMBDA_ACCESS[lambda];
      const readsStripe = access.stripe && stripe;
      const fn = new PorticoFunction(this, `Fn-${lambda}`, {
        lambda,
        description: `Portico API: ${lambda} routes`,
        environment: readsStripe ? { ...environment, STRIPE_SECRET_ARN: stripe.secretArn } : environment,
        memorySize: access.memorySize,
        ...(access.timeoutSeconds ? { timeout: Duration.seconds(access.timeoutSeconds) } : {}),
        // Read once per cold start from the extension on localhost (functions/payments/stripe.ts): no SDK client in the bundle, cached by the extension.
        ...(readsStripe
          ? {
              paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
                cacheEnabled: true,
                logLevel: ParamsAndSecretsLogLevel.WARN,
              }),
            }
          : {}),
      });
      if (readsStripe) stripe.grantRead(fn.role);
      grantTableData(fn, runtime.table);
      runtime.bus.grantPutEventsTo(fn);
      if (access.files) fn.role.addManagedPolicy(props.filesAccessPolicy);
      if (access.cognito) {
        fn.allow(
          access.cognito.actions,
          access.cognito.pools.map((p) => pools[p].userPoolArn),
        );
      }
      // One invoke permission per function, scoped to this API (see SharedIntegration).
      fn.fn.addPermission('InvokeFromApi', {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: this.api.arnForExecuteApi(),
      });
      this.functions.set(lambda, fn);
    }

    const integrations = new Map([...this.functions].map(([lambda, fn]) => [lambda, new SharedIntegration(`Integration-${lambda}`, fn.fn)]));
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: integrations.get(route.lambda)! });
    }

    this.apiDomain = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
  }

  /**
   * Generated at the first deploy: proof that a request came through CloudFront. Only
   * CloudFront (an origin custom header) and the API Lambdas (their environment) hold it.
   */
  private makeOriginSecret(): Secret {
    const secret = new Secret(this, 'OriginSecret', {
      description: 'Portico: header value CloudFront adds to /api requests; the API refuses requests without it (execute-api bypass)',
      // Header-safe characters only.
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'Read at deploy by CloudFront and the API Lambdas (dynamic references): a rotation between deploys would refuse every request. ' +
        'Rotate by changing it and deploying the Api and Site stacks (docs/custom-domains.md).',
    );
    return secret;
  }

  /**
   * The Stripe platform key and webhook endpoint secret, as one JSON secret
   * `{"secretKey":"sk_…","webhookSecret":"whsec_…"}`: never in the table, never plain
   * environment. Made with placeholders; the operator puts the real values in after the
   * first deploy (docs/deploy.md). Kept when the stack goes: the keys are Stripe's, not ours to lose.
   */
  private stripeSecret(): Secret {
    const secret = new Secret(this, 'StripeKeys', {
      description: 'Portico: Stripe platform secret key and webhook signing secret (Stripe Connect), JSON {"secretKey","webhookSecret"}',
      generateSecretString: { secretStringTemplate: JSON.stringify({ secretKey: 'set-me', webhookSecret: 'set-me' }), generateStringKey: 'placeholder' },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'Stripe keys are rolled in the Stripe dashboard (which issues the new key), then put here; a rotation Lambda could not create Stripe keys itself.',
    );
    new CfnOutput(this, 'StripeSecretArn', {
      value: secret.secretArn,
      description: 'Put the Stripe keys here: {"secretKey":"sk_live_…","webhookSecret":"whsec_…"}',
    });
    return secret;
  }

  private addStage(): void {
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            host: '$context.domainName',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            responseLength: '$context.responseLength',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
  }
}
