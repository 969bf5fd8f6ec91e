import { randomBytes } from 'node:crypto';

/**
 * The local stand-in for the secret CloudFront adds to every `/api/*` request
 * (functions/http/originSecret.ts): new each start, as the cloud's is generated at deploy.
 * The gateway puts it on every event, and the handlers' environment holds it, so the check
 * runs locally exactly as in the cloud; only something that skips the gateway lacks it.
 */
export const LOCAL_ORIGIN_SECRET = randomBytes(32).toString('base64url');
