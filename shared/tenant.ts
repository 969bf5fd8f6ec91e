import * as z from 'zod/mini';
import { MODULES } from './permissions';

const hexColour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'));

/** Branding a tenant shows on its portal; colours are applied as CSS variables by the site. */
export const brandingSchema = z.object({
  logoUrl: z.optional(z.string().check(z.maxLength(20000))),
  primaryColour: hexColour,
  accentColour: hexColour,
  /** Short tagline shown on the sign-in page. */
  tagline: z.optional(z.string().check(z.maxLength(200))),
});
export type Branding = z.infer<typeof brandingSchema>;

/** What `GET /api/public/tenant` returns for the Host's tenant: safe to show anyone. */
export const publicTenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  branding: brandingSchema,
  modules: z.array(z.enum(MODULES)),
  portalEnabled: z.boolean(),
});
export type PublicTenant = z.infer<typeof publicTenantSchema>;
