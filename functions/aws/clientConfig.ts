import { endpointFor, type ServiceName } from './env';

/**
 * Shared AWS SDK client options: the region from the Lambda environment and, only where
 * the local runtime set one, the stand-in's endpoint.
 */
export function clientConfig(service: ServiceName): { region: string; endpoint?: string; forcePathStyle?: boolean } {
  const endpoint = endpointFor(service);
  return {
    region: process.env.AWS_REGION ?? 'eu-west-1',
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && service === 's3' ? { forcePathStyle: true } : {}),
  };
}
