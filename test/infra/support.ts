import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { configFromContext, type PorticoConfig } from '../../infra/stacks/config';
import { buildPorticoApp, type PorticoStacks } from '../../infra/stacks/portico';

export const TEST_ENV = { account: '111111111111', region: 'eu-west-1' };

export interface TestApp {
  app: App;
  stacks: PorticoStacks;
  template: (stack: keyof PorticoStacks) => Template;
}

/**
 * The same app `cdk synth` builds (cdk.json context, buildPorticoApp), with Lambda
 * bundling skipped and, unless a test asks for it, no site upload. No nag plugin here:
 * nag.test.ts runs the checks itself, so assertion tests fail only for their own reasons.
 */
export function buildTestApp(overrides: Partial<PorticoConfig> = {}): TestApp {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    // CDK's built-in CloudFormation schema/lint validation takes ~7 s per app here; `npm run synth` runs it.
    builtinCloudFormationValidation: false,
  });
  const config: PorticoConfig = { ...configFromContext(app.node), env: TEST_ENV, webBuildDir: undefined, ...overrides };
  const stacks = buildPorticoApp(app, config);
  const templates = new Map<keyof PorticoStacks, Template>();
  const template = (name: keyof PorticoStacks): Template => {
    let t = templates.get(name);
    if (!t) {
      t = Template.fromStack(stacks[name]);
      templates.set(name, t);
    }
    return t;
  };
  return { app, stacks, template };
}

/** Resources of one type, as plain objects. */
export function resourcesOf<P = Record<string, unknown>>(template: Template, type: string): Array<{ Properties: P }> {
  return Object.values(template.findResources(type)) as Array<{ Properties: P }>;
}

/** A tiny stand-in for `dist/web`: a page, a hashed asset, a public file. */
export function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1a2b3c.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}
