import * as z from 'zod/mini';
import { eventCatalogue, EVENT_TYPES } from '../../events/catalogue';
import { lambdaOf, rules, rulesFor } from '../../events/rules';
import { pdfTargets } from '../../functions/documents/pdf/pdfRendering';
import { targets } from '../../functions/notify/targets';
import { NOTIFIED_EVENTS } from '../../shared/api/documents';

describe('the event catalogue and rule table', () => {
  it('routes every rule to a target that exists in its own Lambda (notify, or pdf for rendering)', () => {
    for (const rule of rules) {
      const ofLambda: Record<string, unknown> = lambdaOf(rule) === 'pdf' ? pdfTargets : targets;
      expect({ rule: rule.name, target: typeof ofLambda[rule.target] }).toEqual({ rule: rule.name, target: 'function' });
    }
  });

  it('matches only detail-types of the catalogue', () => {
    for (const rule of rules) for (const type of rule.detailTypes) expect(EVENT_TYPES).toContain(type);
  });

  it('delivers to staff notifications exactly the events a tenant can set recipients for', () => {
    const toStaff = rules.filter((r) => r.target === 'notifyStaff').flatMap((r) => r.detailTypes);
    expect([...toStaff].sort()).toEqual([...NOTIFIED_EVENTS].sort());
  });

  it('has unique rule names', () => {
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  });

  it('finds the rules of a detail-type and none for an unknown one', () => {
    expect(rulesFor('mail.requested').map((r) => r.target)).toEqual(['sendMail']);
    expect(rulesFor('nobody.listens')).toEqual([]);
  });

  it('refuses a mail request without a recipient or with a bad address', () => {
    const schema = eventCatalogue['mail.requested'];
    const base = { tenantId: 'demo', subject: 'Hi', text: 'Hello', purpose: 'test' };
    expect(z.safeParse(schema, { ...base, to: ['a@example.com'] }).success).toBe(true);
    expect(z.safeParse(schema, { ...base, to: [] }).success).toBe(false);
    expect(z.safeParse(schema, { ...base, to: ['not-an-address'] }).success).toBe(false);
  });
});
