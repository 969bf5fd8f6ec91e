import type middy from '@middy/core';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../../shared/problem';
import { logger } from '../aws/logger';
import { Problem } from '../core/problems';
import { endedSessionCookies } from './cookies';
import type { ApiEvent, ApiResult } from './types';

/**
 * Turns any error into an RFC 9457 problem-details response. Expected problems keep
 * their status and text; anything else is logged in full and answered as a bare 500,
 * so no stack trace or internal message reaches the caller.
 */
export function problemDetails(): middy.MiddlewareObj<ApiEvent, ApiResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      const problem =
        error instanceof Problem
          ? error
          : new Problem(500, 'Internal error', 'Something went wrong on our side. Try again in a moment.', undefined, PROBLEM_TYPES.internalError);
      if (problem.status >= 500) logger.error('request failed', { error: error as Error });
      else logger.info('request refused', { status: problem.status, title: problem.title, errors: problem.errors });
      request.response = {
        statusCode: problem.status,
        headers: { ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
        ...(problem.endsSession ? { cookies: endedSessionCookies(request.event, problem.endsSession) } : {}),
        body: JSON.stringify(problem.toBody(request.event.rawPath, request.event.requestContext?.requestId)),
      };
    },
  };
}
