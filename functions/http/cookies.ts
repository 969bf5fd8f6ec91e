/** Names of the cookies the auth routes set (HttpOnly, SameSite=Lax, Secure outside local http). */
export const SESSION_COOKIES = {
  portal: 'portico_id',
  staff: 'portico_staff_id',
} as const;

/** API Gateway v2 hands cookies as an array of `name=value`; headers may carry them too locally. */
export function readCookie(cookies: string[] | undefined, cookieHeader: string | undefined, name: string): string | undefined {
  const all = [...(cookies ?? []), ...(cookieHeader ? cookieHeader.split(';') : [])];
  for (const entry of all) {
    const eq = entry.indexOf('=');
    if (eq > 0 && entry.slice(0, eq).trim() === name) return decodeURIComponent(entry.slice(eq + 1).trim());
  }
  return undefined;
}
