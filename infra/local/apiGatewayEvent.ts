import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ORIGIN_HEADER } from '../../functions/http/originSecret';
import { LOCAL_ORIGIN_SECRET } from './originSecret';
import type { RouteMatch } from './routing';

const TEXT_TYPES = /^(application\/(json|problem\+json|x-www-form-urlencoded|xml)|text\/)/i;

/**
 * Builds the API Gateway HTTP API (payload 2.0) event for a request, as API Gateway
 * would: lower-cased headers with repeats joined by commas, cookies split out, query
 * parameters joined by commas, binary bodies base64-encoded.
 */
export function toApiGatewayEvent(req: IncomingMessage, url: URL, match: RouteMatch, body: Buffer, sourceIp: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    if (name === 'cookie') continue;
    const value = req.rawHeaders[i + 1]!;
    headers[name] = headers[name] ? `${headers[name]},${value}` : value;
  }
  // CloudFront's viewer-request function forwards the viewer's host the same way: always
  // overwritten, and dropped with no Host, so a client's own value never chooses the tenant.
  if (headers.host) headers['x-forwarded-host'] = headers.host;
  else delete headers['x-forwarded-host'];
  // CloudFront's origin custom header: replaces any value the client sent.
  headers[ORIGIN_HEADER] = LOCAL_ORIGIN_SECRET;
  headers['x-forwarded-for'] = sourceIp;
  headers['x-forwarded-proto'] = 'http';

  const cookies = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);

  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;

  const apiDomain = (req.socket?.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  const now = new Date();

  return {
    version: '2.0',
    routeKey: match.key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      // API Gateway's own domain (execute-api in the cloud): locally, the gateway's own address.
      domainName: apiDomain,
      domainPrefix: apiDomain.split('.')[0]!,
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: match.key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}
