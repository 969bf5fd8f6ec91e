import type { BusinessContactDetails } from '../../shared/api/access';
import type { Branding } from '../../shared/tenant';
import type { Module } from '../../shared/permissions';

/** The two tenants `npm start` seeds, reachable at http://<slug>.localhost:3000. */
export interface DemoTenant {
  id: string;
  slug: string;
  name: string;
  branding: Branding;
  modules: Module[];
  /** Printed on the tenant's document PDFs. */
  contactDetails?: BusinessContactDetails;
}

const svgLogo = (initials: string, bg: string, fg: string): string =>
  'data:image/svg+xml;base64,' +
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img"><rect width="96" height="96" rx="20" fill="${bg}"/>` +
      `<text x="48" y="61" font-family="Segoe UI,Helvetica,Arial,sans-serif" font-size="40" font-weight="700" text-anchor="middle" fill="${fg}">${initials}</text></svg>`,
  ).toString('base64');

export const DEMO_TENANTS: DemoTenant[] = [
  {
    id: 'demo',
    slug: 'demo',
    name: 'Brightline Print & Signs',
    branding: {
      logoUrl: svgLogo('BP', '#1d4ed8', '#ffffff'),
      primaryColour: '#1d4ed8',
      accentColour: '#f59e0b',
      tagline: 'Quotes, orders and invoices for Brightline customers',
    },
    modules: ['quotes', 'orders', 'invoices', 'jobs', 'catalog', 'tickets', 'knowledge-base', 'projects'],
    contactDetails: {
      email: 'hello@brightline.example',
      phone: '+44 113 496 0123',
      website: 'brightline.example',
      address: { line1: '12 Canal Wharf', city: 'Leeds', postcode: 'LS11 5PS', country: 'GB' },
    },
  },
  {
    id: 'acme',
    slug: 'acme',
    name: 'Acme Industrial Supply',
    branding: {
      logoUrl: svgLogo('AI', '#0f766e', '#ffffff'),
      primaryColour: '#0f766e',
      accentColour: '#e11d48',
      tagline: 'Your trade account with Acme',
    },
    modules: ['quotes', 'orders', 'invoices', 'purchase-orders', 'supplier-bills', 'catalog'],
  },
];
