import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { ServicePrincipal, type IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { activeGroups, routes, type RouteGroup } from '../../functions/routes';
import { acknowledge } from '../nag';
import { GROUP_ACCESS, type PoolKind } from './api/groupAccess';
import { GroupIntegration } from './api/groupIntegration';
import { functionEnvironment, type PorticoRuntime } from './constructs/functionEnvironment';
import { PorticoFunction } from './constructs/porticoFunction';
import { grantTableData } from './constructs/tableAccess';

/** Stage-wide default throttle; per-tenant limits are the handlers' business. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

export interface ApiStackProps extends StackProps {
  runtime: PorticoRuntime;
  /** Object read/write on the files bucket (DataStack), attached to groups that handle files. */
  filesAccessPolicy: IManagedPolicy;
}

/**
 * The HTTP API: one Lambda per active route group of functions/routes.ts, one route per
 * row of the route table, all behind CloudFront's `/api/*`.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<RouteGroup, PorticoFunction>();
  /** Host name of the API's execute-api endpoint: CloudFront's origin for `/api/*`. */
  readonly apiDomain: string;

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

    const environment = functionEnvironment(this, runtime);
    const pools: Record<PoolKind, IUserPool> = { portal: runtime.portalPool, staff: runtime.staffPool };
    for (const group of activeGroups()) {
      const access = GROUP_ACCESS[group];
      const fn = new PorticoFunction(this, `Fn-${group}`, {
        dir: group,
        description: `Portico API: ${group} routes`,
        environment,
        memorySize: access.memorySize,
      });
      grantTableData(fn, runtime.table);
      runtime.bus.grantPutEventsTo(fn);
      if (access.files) fn.role.addManagedPolicy(props.filesAccessPolicy);
      if (access.cognito) {
        fn.allow(access.cognito.actions, access.cognito.pools.map((p) => pools[p].userPoolArn));
      }
      // One invoke permission per function, scoped to this API (see GroupIntegration).
      fn.fn.addPermission('InvokeFromApi', {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: this.api.arnForExecuteApi(),
      });
      this.functions.set(group, fn);
    }

    const integrations = new Map([...this.functions].map(([group, fn]) => [group, new GroupIntegration(`Integration-${group}`, fn.fn)]));
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: integrations.get(route.group)! });
    }

    this.apiDomain = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
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
