import { App } from 'aws-cdk-lib';
import { addNagChecks } from '../nag';
import { configFromContext } from '../stacks/config';
import { buildPorticoApp } from '../stacks/portico';

// Entry point of `cdk synth` / `cdk deploy` (see cdk.json). Context values: docs/deploy.md.
const app = new App();
buildPorticoApp(app, configFromContext(app.node));
addNagChecks(app);
app.synth();
