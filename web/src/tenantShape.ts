import { MODULES, type Module } from '../../shared/permissions';
import type { Branding, PublicTenant } from '../../shared/tenant';

/**
 * `GET /api/public/tenant` checked against its contract (publicTenantSchema in
 * shared/tenant.ts) without bundling zod into the first load: the schema is all the site
 * would take from it, and this is its every rule. test/unit/web-branding.test.ts holds the
 * two to the same answers. Unknown fields are dropped, as the schema drops them.
 */
export function parsePublicTenant(body: unknown): PublicTenant | undefined {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.name !== 'string' || typeof body.portalEnabled !== 'boolean') return undefined;
  const branding = parseBranding(body.branding);
  if (!branding || !Array.isArray(body.modules) || !body.modules.every(isModule)) return undefined;
  return { id: body.id, name: body.name, branding, modules: [...body.modules], portalEnabled: body.portalEnabled };
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isModule = (value: unknown): value is Module => (MODULES as readonly unknown[]).includes(value);
const optionalText = (value: unknown, max: number) => value === undefined || (typeof value === 'string' && value.length <= max);

function parseBranding(value: unknown): Branding | undefined {
  if (!isRecord(value)) return undefined;
  const { logoUrl, primaryColour, accentColour, tagline } = value;
  if (typeof primaryColour !== 'string' || !HEX_COLOUR.test(primaryColour)) return undefined;
  if (typeof accentColour !== 'string' || !HEX_COLOUR.test(accentColour)) return undefined;
  if (!optionalText(logoUrl, 20_000) || !optionalText(tagline, 200)) return undefined;
  return {
    ...(logoUrl !== undefined ? { logoUrl: logoUrl as string } : {}),
    primaryColour,
    accentColour,
    ...(tagline !== undefined ? { tagline: tagline as string } : {}),
  };
}
