import {
  AA_TEXT,
  DARK_TEXT,
  PAGE_BACKGROUND,
  WHITE,
  applyBranding,
  brandPalette,
  clearBranding,
  contrastRatio,
  darkenForContrast,
  documentTitle,
  initials,
  mix,
  monogramDataUrl,
  parseHex,
  relativeLuminance,
  surfaceForText,
  textColourOn,
  toHex,
  type BrandableDocument,
} from '../../web/src/branding';
import { ApiError, call, fieldErrors, problemMessage } from '../../web/src/api';
import { navItems } from '../../web/src/modules';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { publicTenantSchema } from '../../shared/tenant';
import { parsePublicTenant } from '../../web/src/tenantShape';

describe('colour arithmetic', () => {
  it('parses and prints #rrggbb', () => {
    expect(parseHex('#1d4ed8')).toEqual([0x1d, 0x4e, 0xd8]);
    expect(parseHex('1D4ED8')).toEqual([0x1d, 0x4e, 0xd8]);
    expect(toHex([0x1d, 0x4e, 0xd8])).toBe('#1d4ed8');
    expect(toHex([300, -4, 12.6])).toBe('#ff000d');
    expect(() => parseHex('#fff')).toThrow(/#rrggbb/);
    expect(() => parseHex('red')).toThrow();
  });

  it('computes WCAG relative luminance and contrast', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 5);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // Reference values (WebAIM contrast checker).
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeCloseTo(6.7, 1);
    expect(contrastRatio('#0f766e', '#ffffff')).toBeCloseTo(5.47, 1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 1);
  });

  it('mixes colours', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#1d4ed8', '#000000', 0)).toBe('#1d4ed8');
    expect(mix('#1d4ed8', '#000000', 1)).toBe('#000000');
  });

  it('picks white or near-black text by contrast', () => {
    expect(textColourOn('#1d4ed8')).toBe(WHITE);
    expect(textColourOn('#0f766e')).toBe(WHITE);
    expect(textColourOn('#f59e0b')).toBe(DARK_TEXT);
    expect(textColourOn('#ffff00')).toBe(DARK_TEXT);
    expect(textColourOn('#000000')).toBe(WHITE);
    expect(textColourOn('#ffffff')).toBe(DARK_TEXT);
  });

  it('leaves colours that already pass alone and darkens those that do not', () => {
    expect(darkenForContrast('#1D4ED8', [WHITE])).toBe('#1d4ed8');
    const amber = darkenForContrast('#f59e0b', [WHITE, PAGE_BACKGROUND]);
    expect(amber).not.toBe('#f59e0b');
    expect(contrastRatio(amber, WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(amber, PAGE_BACKGROUND)).toBeGreaterThanOrEqual(AA_TEXT);
    // Still recognisably amber: red channel stays above green, green above blue.
    const [r, g, b] = parseHex(amber);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    // Darkened only as much as needed: one step lighter would fail.
    expect(contrastRatio(mix(amber, '#ffffff', 0.05), WHITE)).toBeLessThan(AA_TEXT + 0.5);
  });

  it('adjusts a surface so its text reaches 4.5:1 in the right direction', () => {
    const grey = surfaceForText('#808080', WHITE);
    expect(contrastRatio(grey, WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(relativeLuminance(grey)).toBeLessThan(relativeLuminance('#808080'));
    const lighter = surfaceForText('#777777', DARK_TEXT);
    expect(contrastRatio(lighter, DARK_TEXT)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(relativeLuminance(lighter)).toBeGreaterThan(relativeLuminance('#777777'));
    expect(surfaceForText('#1d4ed8', WHITE)).toBe('#1d4ed8');
  });
});

describe('brandPalette', () => {
  it.each(DEMO_TENANTS.map((t) => [t.name, t.branding] as const))('keeps %s colours as given where they pass', (_name, branding) => {
    const p = brandPalette(branding);
    expect(p['--brand-primary']).toBe(branding.primaryColour);
    expect(p['--brand-accent']).toBe(branding.accentColour);
    expect(p['--brand-surface']).toBe(branding.primaryColour);
    expect(p['--brand-link']).toBe(branding.primaryColour);
    expect(p['--brand-on-primary']).toBe(WHITE);
  });

  it('makes every text colour readable for any pair of brand colours', () => {
    // Deterministic pseudo-random colours (plus the awkward mid-tones) instead of a fixed few.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const colours = ['#777777', '#808080', '#ffff00', '#00ff00', '#ff0000', '#ffffff', '#000000', '#f59e0b', '#e11d48'];
    for (let i = 0; i < 400; i++) colours.push(toHex([next() * 256, next() * 256, next() * 256]));
    for (const primary of colours) {
      const accent = colours[(colours.indexOf(primary) + 1) % colours.length]!;
      const p = brandPalette({ primaryColour: primary, accentColour: accent });
      expect(contrastRatio(p['--brand-on-primary'], p['--brand-surface'])).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(p['--brand-on-primary'], p['--brand-surface-hover'])).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(p['--brand-link'], WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(p['--brand-link'], PAGE_BACKGROUND)).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(p['--brand-on-accent'], accent)).toBeGreaterThanOrEqual(3);
      expect(p['--brand-tint']).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('uses dark text on a light primary', () => {
    const p = brandPalette({ primaryColour: '#fde047', accentColour: '#000000' });
    expect(p['--brand-on-primary']).toBe(DARK_TEXT);
    expect(p['--brand-surface']).toBe('#fde047');
    expect(contrastRatio(p['--brand-link'], WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});

describe('names and titles', () => {
  it('makes initials from the first two words', () => {
    expect(initials('Brightline Print & Signs')).toBe('BP');
    expect(initials('Acme Industrial Supply')).toBe('AI');
    expect(initials('zeta')).toBe('Z');
    expect(initials('  ')).toBe('?');
    expect(initials('Øresund Trading')).toBe('ØT');
  });

  it('builds a monogram data URL without markup injection', () => {
    const url = monogramDataUrl('<script> Co', '#112233', '#ffffff');
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length));
    expect(svg).not.toContain('<script');
    expect(svg).toContain('fill="#112233"');
  });

  it('formats the document title', () => {
    expect(documentTitle('Sign in', 'Acme Industrial Supply')).toBe('Sign in · Acme Industrial Supply');
    expect(documentTitle(undefined, 'Acme Industrial Supply')).toBe('Acme Industrial Supply');
    expect(documentTitle("We couldn't find this portal", undefined)).toBe("We couldn't find this portal");
    expect(documentTitle(undefined, undefined)).toBe('Customer portal');
  });
});

describe('applyBranding', () => {
  function fakeDocument(withIcon: boolean) {
    const vars = new Map<string, string>();
    const appended: Record<string, string>[] = [];
    const icon: Record<string, string> | null = withIcon ? { rel: 'icon', href: 'data:,', type: '' } : null;
    const theme = {
      content: '',
      setAttribute(_n: string, v: string) {
        this.content = v;
      },
    };
    const doc = {
      documentElement: {
        style: {
          setProperty: (n: string, v: string) => void vars.set(n, v),
          removeProperty: (n: string) => {
            vars.delete(n);
            return '';
          },
        },
      },
      head: {
        appendChild: (node: Record<string, string>) => {
          appended.push(node);
          return node;
        },
      },
      querySelector: (sel: string) => (sel.includes('icon') ? icon : sel.includes('theme-color') ? theme : null),
      createElement: () => ({ rel: '', href: '', type: '', setAttribute() {} }),
    };
    return { doc: doc as unknown as BrandableDocument, vars, appended, icon, theme };
  }

  it('sets the CSS variables, the favicon and the theme colour', () => {
    const demo = DEMO_TENANTS[0]!;
    const { doc, vars, icon, theme } = fakeDocument(true);
    const palette = applyBranding(doc, demo);
    expect(vars.get('--brand-primary')).toBe('#1d4ed8');
    expect(vars.get('--brand-on-primary')).toBe(WHITE);
    expect(Object.fromEntries(vars)).toEqual(palette);
    expect(icon!.href).toBe(demo.branding.logoUrl);
    expect(icon!.type).toBe('image/svg+xml');
    expect(theme.content).toBe('#1d4ed8');
  });

  it('adds a monogram favicon when there is no logo and no <link rel=icon>', () => {
    const { doc, appended } = fakeDocument(false);
    applyBranding(doc, { name: 'Plain Co', branding: { primaryColour: '#123456', accentColour: '#abcdef' } });
    expect(appended).toHaveLength(1);
    expect(appended[0]!.rel).toBe('icon');
    expect(appended[0]!.href).toMatch(/^data:image\/svg\+xml,/);
  });

  it('clears the variables again', () => {
    const { doc, vars } = fakeDocument(true);
    applyBranding(doc, DEMO_TENANTS[1]!);
    clearBranding(doc);
    expect(vars.size).toBe(0);
  });
});

describe('site navigation', () => {
  it('lists Dashboard then the tenant modules that have pages, in menu order', () => {
    expect(navItems(['invoices', 'catalog', 'jobs', 'quotes']).map((i) => [i.label, i.to])).toEqual([
      ['Dashboard', '/'],
      ['Quotes', '/quotes'],
      ['Invoices', '/invoices'],
      ['Jobs', '/jobs'],
      ['Catalogue', '/catalog'],
    ]);
  });

  it('leaves out modules in which the user holds no permission, when it knows them', () => {
    const items = navItems(['quotes', 'orders', 'invoices', 'jobs'], ['quotes:read', 'orders:place', 'invoices:pay']);
    // orders:place is the catalogue's, not Orders'.
    expect(items.map((i) => i.label)).toEqual(['Dashboard', 'Quotes', 'Invoices']);
  });
});

describe('API errors (problem details)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });
  const respond = (body: string, status: number, type: string) => {
    global.fetch = jest.fn(async () => new Response(body, { status, headers: { 'content-type': type } })) as typeof fetch;
  };

  it('surfaces the problem body of a failed call', async () => {
    respond(
      JSON.stringify({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'Sign-in is not available yet.',
        errors: [{ name: 'body.email', reason: 'Unknown' }],
      }),
      404,
      'application/problem+json',
    );
    const err = await call('POST /api/auth/login', { body: { email: 'a@b.c', password: 'x' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    expect(problemMessage(err)).toBe('Sign-in is not available yet.');
    expect(fieldErrors(err)).toEqual({ email: 'Unknown' });
  });

  it('falls back to the title when there is no detail', async () => {
    respond(JSON.stringify({ type: 'about:blank', title: 'Too many attempts', status: 429 }), 429, 'application/problem+json');
    expect(problemMessage(await call('GET /api/health', {}).catch((e: unknown) => e))).toBe('Too many attempts');
  });

  it('turns a non-problem error page into a problem with its status', async () => {
    respond('<html>Bad gateway</html>', 502, 'text/html');
    const err = (await call('GET /api/health', {}).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(problemMessage(err)).toMatch(/HTTP 502/);
  });

  it('reports an unreachable server as status 0', async () => {
    global.fetch = jest.fn(async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const err = (await call('GET /api/health', {}).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(problemMessage(err)).toMatch(/connection/);
  });

  it('returns the JSON of a successful call', async () => {
    respond(JSON.stringify({ status: 'ok' }), 200, 'application/json');
    await expect(call('GET /api/health', {})).resolves.toEqual({ status: 'ok' });
  });
});

describe("the tenant's answer, checked without zod", () => {
  const good = {
    id: 't1',
    name: 'Acme',
    branding: { logoUrl: 'data:image/svg+xml,<svg/>', primaryColour: '#1d4ed8', accentColour: '#F59E0B', tagline: 'Signs' },
    modules: ['quotes', 'invoices'],
    portalEnabled: true,
  };
  const variants: Array<[string, unknown]> = [
    ['as published', good],
    ['each demo tenant', DEMO_TENANTS[0]],
    ['another demo tenant', DEMO_TENANTS[1]],
    ['without the optional logo and tagline', { ...good, branding: { primaryColour: '#000000', accentColour: '#ffffff' } }],
    ['with fields the site does not know', { ...good, extra: 1, branding: { ...good.branding, font: 'x' } }],
    ['switched off, no modules', { ...good, portalEnabled: false, modules: [] }],
    ['a short colour', { ...good, branding: { ...good.branding, primaryColour: '#fff' } }],
    ['a colour name', { ...good, branding: { ...good.branding, accentColour: 'red' } }],
    ['no accent', { ...good, branding: { primaryColour: '#000000' } }],
    ['a logo too long', { ...good, branding: { ...good.branding, logoUrl: 'x'.repeat(20_001) } }],
    ['a tagline at its limit', { ...good, branding: { ...good.branding, tagline: 'x'.repeat(200) } }],
    ['a tagline too long', { ...good, branding: { ...good.branding, tagline: 'x'.repeat(201) } }],
    ['a tagline of null', { ...good, branding: { ...good.branding, tagline: null } }],
    ['an unknown module', { ...good, modules: ['quotes', 'spaceships'] }],
    ['modules as a string', { ...good, modules: 'quotes' }],
    ['no name', { ...good, name: undefined }],
    ['a numeric id', { ...good, id: 7 }],
    ['portalEnabled as a string', { ...good, portalEnabled: 'true' }],
    ['branding as an array', { ...good, branding: [] }],
    ['an array', [good]],
    ['null', null],
    ['a problem body', { type: 'about:blank', title: 'Not found', status: 404 }],
  ];

  it.each(variants)('agrees with the contract (publicTenantSchema) on a tenant %s', (_label, body) => {
    const schema = publicTenantSchema.safeParse(body);
    expect(parsePublicTenant(body)).toEqual(schema.success ? schema.data : undefined);
  });
});
