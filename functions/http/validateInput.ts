import * as z from 'zod/mini';
import '../../shared/zodMessages';
import { PROBLEM_TYPES } from '../../shared/problem';
import { badRequest, Problem, type FieldError } from '../core/problems';
import type { ApiEvent } from './types';

export interface InputSchemas {
  path?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
}

/** Bodies above this are refused before parsing unless the route's row says more (`maxBodyBytes`); files go to S3 directly. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Parses path parameters, query string and JSON body with the route's zod schemas.
 * All failures of one request are reported together, each naming its field
 * (`body.email`, `query.limit`), so a client can fix them in one go.
 */
export function parseInput(event: ApiEvent, schemas: InputSchemas, maxBodyBytes = MAX_BODY_BYTES): { path: unknown; query: unknown; body: unknown } {
  const errors: FieldError[] = [];
  const path = parsePart('path', schemas.path, event.pathParameters ?? {}, errors);
  const query = parsePart('query', schemas.query, event.queryStringParameters ?? {}, errors);
  const body = schemas.body ? parsePart('body', schemas.body, readJsonBody(event, maxBodyBytes), errors) : undefined;
  if (!schemas.body && hasBody(event)) errors.push({ name: 'body', reason: 'This endpoint takes no request body.' });
  if (!schemas.query && Object.keys(event.queryStringParameters ?? {}).length) {
    errors.push({ name: 'query', reason: 'This endpoint takes no query parameters.' });
  }
  if (errors.length) throw badRequest(errors);
  return { path, query, body };
}

function parsePart(part: string, schema: z.ZodMiniType | undefined, value: unknown, errors: FieldError[]): unknown {
  if (!schema) return value;
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const name = [part, ...issue.path.map(String)].join('.');
    errors.push({ name, reason: issue.message });
  }
  return undefined;
}

function tooLarge(maxBodyBytes: number): Problem {
  return new Problem(
    413,
    'Payload too large',
    `The request body must be at most ${maxBodyBytes} bytes.`,
    [{ name: 'body', reason: 'too large' }],
    PROBLEM_TYPES.payloadTooLarge,
  );
}

function hasBody(event: ApiEvent): boolean {
  return typeof event.body === 'string' && event.body.length > 0;
}

/**
 * The body's bytes as the client sent them (API Gateway base64-encodes bodies it does not
 * take for text): what a webhook signature is computed over. Size-limited like JSON bodies.
 */
export function readRawBody(event: ApiEvent): Buffer | undefined {
  if (!hasBody(event)) return undefined;
  const raw = Buffer.from(event.body!, event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length > MAX_BODY_BYTES) throw tooLarge(MAX_BODY_BYTES);
  return raw;
}

function readJsonBody(event: ApiEvent, maxBodyBytes: number): unknown {
  if (!hasBody(event)) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body!, 'base64').toString('utf8') : event.body!;
  if (Buffer.byteLength(raw) > maxBodyBytes) throw tooLarge(maxBodyBytes);
  const contentType = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('application/json')) {
    throw new Problem(
      415,
      'Unsupported media type',
      'Send the body as application/json.',
      [{ name: 'body', reason: 'content-type must be application/json' }],
      PROBLEM_TYPES.unsupportedMediaType,
    );
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest([{ name: 'body', reason: 'is not valid JSON' }], 'The request body is not valid JSON.');
  }
}
