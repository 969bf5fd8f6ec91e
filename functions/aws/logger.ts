import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per process; request and tenant ids are appended per request. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'portico' });
