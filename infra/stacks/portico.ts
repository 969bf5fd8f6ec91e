import { Tags, type App } from 'aws-cdk-lib';
import { ApiStack } from './apiStack';
import { AuthStack } from './authStack';
import type { PorticoConfig } from './config';
import { DataStack } from './dataStack';
import { EventsStack } from './eventsStack';
import { MailStack } from './mailStack';
import { SiteStack } from './siteStack';

export interface PorticoStacks {
  data: DataStack;
  auth: AuthStack;
  mail: MailStack;
  events: EventsStack;
  api: ApiStack;
  site: SiteStack;
}

/** Name of the EventBridge bus; the rule patterns match source `portico` on it. */
export const EVENT_BUS_NAME = 'portico';

/**
 * Builds every Portico stack into `app`. Used by infra/bin/app.ts and by the infra tests,
 * so both see the same app. Stack order follows the references: data, auth and mail
 * stand alone; events needs them; api needs events; site needs api.
 */
export function buildPorticoApp(app: App, config: PorticoConfig): PorticoStacks {
  const name = (part: string) => `${config.stackPrefix}-${part}`;
  const common = { env: config.env };

  const data = new DataStack(app, name('Data'), {
    ...common,
    description: 'Portico: single DynamoDB table and files bucket',
  });
  const auth = new AuthStack(app, name('Auth'), { ...common, description: 'Portico: portal and staff user pools' });
  const mail = new MailStack(app, name('Mail'), { ...common, description: 'Portico: SES identity and configuration set', mailDomain: config.mailDomain });

  const runtime = {
    table: data.table,
    filesBucket: data.filesBucket,
    portalPool: auth.portalPool,
    portalClient: auth.portalClient,
    staffPool: auth.staffPool,
    staffClient: auth.staffClient,
    mailFrom: config.mailFrom,
    sesConfigurationSetName: mail.configurationSet.configurationSetName,
    portalBaseDomain: config.portalBaseDomain,
    logLevel: config.logLevel,
  };
  const events = new EventsStack(app, name('Events'), {
    ...common,
    description: 'Portico: event bus, rules and notifiers',
    busName: EVENT_BUS_NAME,
    runtime,
    mail,
    filesAccessPolicy: data.filesAccessPolicy,
  });
  const api = new ApiStack(app, name('Api'), {
    ...common,
    description: 'Portico: HTTP API and its Lambdas',
    runtime: { ...runtime, bus: events.bus },
    filesAccessPolicy: data.filesAccessPolicy,
  });
  const site = new SiteStack(app, name('Site'), {
    ...common,
    description: 'Portico: CloudFront, site bucket and /api routing',
    apiDomain: api.apiDomain,
    originSecret: api.originSecret,
    portalBaseDomain: config.portalBaseDomain,
    certificateArn: config.certificateArn,
    webBuildDir: config.webBuildDir,
    // Presigned URLs are virtual-hosted style on the bucket's regional endpoint: the page PUTs uploads there.
    filesOrigin: `https://${data.filesBucket.bucketRegionalDomainName}`,
  });

  Tags.of(app).add('app', 'portico');
  return { data, auth, mail, events, api, site };
}
