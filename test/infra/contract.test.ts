import { EVENT_SOURCE } from '../../events/catalogue';
import { lambdaOf, rules } from '../../events/rules';
import { routeKey, routes } from '../../functions/routes';
import { localRouteKeys } from '../../infra/local/routing';
import { synthesizedRuleBindings } from '../../infra/stacks/events/notifyInput';
import { synthesizedRouteKeys } from '../../infra/stacks/routeKeys';
import { buildTestApp, resourcesOf, type TestApp } from './support';

// "One contract, two runtimes": the cloud app and the local runtime are built from the same tables.
let t: TestApp;
beforeAll(() => {
  t = buildTestApp();
});

describe('route table', () => {
  test('the HTTP API serves exactly the route table, as does the local gateway', () => {
    const expected = routes.map(routeKey).sort();
    expect(synthesizedRouteKeys(t.template('api'))).toEqual(expected);
    expect(localRouteKeys()).toEqual(expected);
  });

  test("each route reaches its own group's Lambda", () => {
    const api = t.template('api');
    const groupOfFunction = new Map(
      Object.entries(api.findResources('AWS::Lambda::Function')).map(([id, fn]) => [
        id,
        /^Portico API: (\w+) routes$/.exec((fn as { Properties: { Description: string } }).Properties.Description)?.[1],
      ]),
    );
    const integrations = api.findResources('AWS::ApiGatewayV2::Integration') as Record<
      string,
      { Properties: { IntegrationUri: { 'Fn::GetAtt': [string, string] } } }
    >;
    const served = resourcesOf<{ RouteKey: string; Target: { 'Fn::Join': [string, unknown[]] } }>(api, 'AWS::ApiGatewayV2::Route').map((route) => {
      const integrationId = (route.Properties.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const functionId = integrations[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0];
      return `${route.Properties.RouteKey} -> ${groupOfFunction.get(functionId)}`;
    });
    expect(served.sort()).toEqual(routes.map((r) => `${routeKey(r)} -> ${r.lambda}`).sort());
  });
});

describe('rule table', () => {
  test('the EventBridge rules are exactly the rule table, each matching source portico', () => {
    const expected = rules
      .map((r) => ({ detailTypes: [...r.detailTypes].sort(), target: r.target }))
      .sort((a, b) => `${a.target} ${a.detailTypes}`.localeCompare(`${b.target} ${b.detailTypes}`));
    expect(synthesizedRuleBindings(t.template('events'))).toEqual(expected);
    for (const rule of resourcesOf<{ EventPattern: { source: string[] } }>(t.template('events'), 'AWS::Events::Rule')) {
      expect(rule.Properties.EventPattern.source).toEqual([EVENT_SOURCE]);
    }
  });

  test("every rule targets its row's Lambda (notify, or pdf) with the full event as `event`", () => {
    const events = t.template('events');
    const functions = Object.entries(events.findResources('AWS::Lambda::Function')) as Array<[string, { Properties: { Description: string } }]>;
    const idOf = (lambda: string) =>
      functions.find(([, fn]) => fn.Properties.Description.startsWith(lambda === 'pdf' ? 'Portico PDF renderer' : 'Portico notifiers'))![0];
    const byTarget = new Map(rules.map((r) => [r.target, lambdaOf(r)]));
    for (const rule of resourcesOf<{ Targets: Array<{ Arn: unknown; InputTransformer: { InputTemplate: string } }> }>(events, 'AWS::Events::Rule')) {
      for (const target of rule.Properties.Targets) {
        expect(target.InputTransformer.InputTemplate).toMatch(/^\{"target":"\w+","event":<aws\.events\.event\.json>\}$/);
        const lambda = byTarget.get(JSON.parse(target.InputTransformer.InputTemplate.replace(/<aws\.events\.event\.json>/, 'null')).target)!;
        expect(target.Arn).toEqual({ 'Fn::GetAtt': [idOf(lambda), 'Arn'] });
      }
    }
  });
});
