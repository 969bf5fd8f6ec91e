import { formatApiKey, hashSecret, newApiKeyParts, parseApiKey } from '../../functions/identity/apiKeyCredentials';

describe('API key format', () => {
  it('round-trips a newly issued key', () => {
    const parts = newApiKeyParts();
    const key = formatApiKey('demo', parts.keyId, parts.secret);
    expect(parseApiKey(key)).toEqual({ tenantId: 'demo', ...parts });
  });

  it('makes a different secret each time', () => {
    expect(newApiKeyParts().secret).not.toBe(newApiKeyParts().secret);
  });

  it.each([
    '',
    'ptk.demo',
    'ptk.demo.abc.short',
    `xyz.demo.abcdefgh.${'a'.repeat(43)}`,
    `ptk.DEMO.abcdefgh.${'a'.repeat(43)}`,
    `ptk.demo.abcdefgh.${'a'.repeat(43)}.extra`,
  ])('refuses malformed %p', (key) => {
    expect(parseApiKey(key)).toBeUndefined();
  });

  it('stores a hash that does not reveal the secret', () => {
    const { secret } = newApiKeyParts();
    expect(hashSecret(secret)).not.toContain(secret);
    expect(hashSecret(secret)).toBe(hashSecret(secret));
  });
});
