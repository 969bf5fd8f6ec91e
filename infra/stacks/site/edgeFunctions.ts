/**
 * CloudFront Functions (cloudfront-js-2.0) of the site distribution. Kept as plain
 * source strings so tests can run them against sample events.
 */

/**
 * Default behaviour, viewer request: a path whose last segment has no dot is a route of
 * the single-page app, so it gets index.html; files (`/assets/x.js`) pass through.
 * `/api/*` never reaches this function: it has its own behaviour.
 */
export const SPA_FALLBACK_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('.', uri.lastIndexOf('/') + 1) === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * \`/api/*\`, viewer request: the origin request policy cannot forward Host (the origin
 * needs its own), so the viewer's Host travels as x-forwarded-host, always overwritten:
 * a client-supplied value must never choose the tenant.
 */
export const FORWARD_HOST_SOURCE = `function handler(event) {
  var request = event.request;
  var host = request.headers.host;
  if (host) {
    request.headers['x-forwarded-host'] = { value: host.value };
  } else {
    delete request.headers['x-forwarded-host'];
  }
  return request;
}`;
