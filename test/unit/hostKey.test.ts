import { hostKey, viewerHost } from '../../functions/customers/tenantHosts';

describe('hostKey', () => {
  it.each([
    ['demo.localhost:3000', 'localhost', 'sub:demo'],
    ['DEMO.localhost', 'localhost', 'sub:demo'],
    ['acme.portal.example.com', 'portal.example.com', 'sub:acme'],
    ['portal.acme-corp.com', 'portal.example.com', 'host:portal.acme-corp.com'],
    ['portal.acme-corp.com.', 'portal.example.com', 'host:portal.acme-corp.com'],
  ])('%s under %s is %s', (host, base, expected) => {
    expect(hostKey(host, base)).toBe(expected);
  });

  it.each([undefined, '', 'a..b', 'a b', '-x.localhost', 'x.y.localhost', 'a'.repeat(254), 'é.localhost'])('refuses %p', (host) => {
    expect(hostKey(host as string | undefined, 'localhost')).toBeUndefined();
  });

  it('prefers the host CloudFront forwarded over the origin host', () => {
    expect(viewerHost({ host: 'abc.execute-api.eu-west-1.amazonaws.com', 'x-forwarded-host': 'demo.portal.example.com' })).toBe('demo.portal.example.com');
    expect(viewerHost({ host: 'demo.localhost' })).toBe('demo.localhost');
  });
});
