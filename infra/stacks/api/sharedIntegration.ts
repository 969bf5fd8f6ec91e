import {
  HttpIntegrationType,
  HttpRouteIntegration,
  PayloadFormatVersion,
  type HttpRouteIntegrationBindOptions,
  type HttpRouteIntegrationConfig,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * Lambda proxy integration (payload 2.0, what the local gateway emits too) that does NOT
 * add a Lambda permission per route, unlike HttpLambdaIntegration: one function
 * serves dozens of routes and its resource policy is capped at 20 KB. The API stack
 * grants invoke once per function instead.
 */
export class SharedIntegration extends HttpRouteIntegration {
  constructor(
    id: string,
    private readonly handler: IFunction,
  ) {
    super(id);
  }

  bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return { type: HttpIntegrationType.AWS_PROXY, uri: this.handler.functionArn, payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 };
  }
}
