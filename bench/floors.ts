/**
 * A Lambda's floor: a bundle holding only the AWS SDK clients that Lambda's own bundle
 * holds (read from its esbuild metafile, so it follows the code), and nothing of Portico.
 * Its top level imports and constructs those clients; its `handler` makes the first SDK
 * call the Lambda's typical request makes, then answers. Bundled with the Lambdas' own
 * settings (infra/lambdaBundling.ts), it is what any Lambda using those clients would
 * pay at least, to load and to answer.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, stop as stopEsbuild, type Metafile } from 'esbuild';
import { ENDPOINT_ENV } from '../functions/aws/env';
import { LAMBDA_ESBUILD } from '../infra/lambdaBundling';

/** What counts as an SDK client package of a bundle: the service clients and the DynamoDB document client. */
const CLIENT_PACKAGE = /^@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)$/;

/** The packages of a metafile's inputs that are SDK clients, sorted. */
export function sdkClientsOf(metafile: Metafile, packageOf: (path: string) => string): string[] {
  return [...new Set(Object.keys(metafile.inputs).map(packageOf))].filter((p) => CLIENT_PACKAGE.test(p)).sort();
}

/** The environment variable the local runtime sets for a client's stand-in endpoint (none in the cloud). */
const ENDPOINT_OF: Record<string, string> = {
  '@aws-sdk/client-dynamodb': ENDPOINT_ENV.dynamodb,
  '@aws-sdk/client-cognito-identity-provider': ENDPOINT_ENV.cognito,
  '@aws-sdk/client-sesv2': ENDPOINT_ENV.ses,
  '@aws-sdk/client-s3': ENDPOINT_ENV.s3,
  '@aws-sdk/client-eventbridge': ENDPOINT_ENV.eventbridge,
};

/**
 * An SDK call, as seen on the wire: for the JSON protocols the `x-amz-target`
 * (`DynamoDB_20120810.GetItem`), for the REST ones the method and path; and the port,
 * which says which stand-in (which service) it went to.
 */
export interface FirstCall {
  target?: string;
  method?: string;
  path?: string;
  port?: number;
}

export const describeCall = (call: FirstCall | undefined): string =>
  !call
    ? 'none'
    : call.target
      ? call.target
          .replace(/^DynamoDB_\d+\./, 'DynamoDB ')
          .replace(/^AWSCognitoIdentityProviderService\./, 'Cognito ')
          .replace(/^AWSEvents\./, 'EventBridge ')
      : `${call.method ?? '?'} :${call.port ?? '?'}${(call.path ?? '').split('?')[0]}`;

/** The service client package a call went to, by its stand-in's port (the handlers' `*_ENDPOINT`s); undefined for what is no SDK call. */
export function serviceOf(call: FirstCall, env: Record<string, string | undefined>): string | undefined {
  const port = (name: string) => Number(env[name]?.match(/:(\d+)/)?.[1]);
  const byPort = Object.entries(ENDPOINT_OF).find(([, name]) => call.port !== undefined && port(name) === call.port)?.[0];
  // cognito-local also serves the pools' JWKS, which Portico fetches itself (no SDK call).
  if (byPort === '@aws-sdk/client-cognito-identity-provider' && !call.target) return undefined;
  return byPort;
}

/** The first call of each service, in the order the request made them. */
export function firstCallOfEachService(calls: FirstCall[], env: Record<string, string | undefined>): Array<{ service: string; call: FirstCall }> {
  const seen = new Map<string, FirstCall>();
  for (const call of calls) {
    const service = serviceOf(call, env);
    if (service && !seen.has(service)) seen.set(service, call);
  }
  return [...seen].map(([service, call]) => ({ service, call }));
}

/** The DynamoDB operations a floor can make, through the document client as Portico does. */
const DYNAMODB_CALLS: Record<string, { command: string; input: string }> = {
  GetItem: { command: 'GetCommand', input: '{ TableName: table, Key: key }' },
  PutItem: { command: 'PutCommand', input: '{ TableName: table, Item: { ...key, at: Date.now() } }' },
  UpdateItem: {
    command: 'UpdateCommand',
    input:
      "{ TableName: table, Key: key, UpdateExpression: 'SET #at = :at', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': Date.now() } }",
  },
  DeleteItem: { command: 'DeleteCommand', input: '{ TableName: table, Key: key }' },
  Query: { command: 'QueryCommand', input: "{ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.pk }, Limit: 1 }" },
};

/**
 * The one call a floor makes to each other service: any answer pays the client's first use
 * (endpoint, signing, serialisation, the connection), so a refusal does as well as a success.
 */
const SERVICE_CALLS: Record<string, { command: string; input: string; label: string }> = {
  '@aws-sdk/client-cognito-identity-provider': {
    command: 'InitiateAuthCommand',
    input:
      "{ ClientId: process.env.PORTAL_USER_POOL_CLIENT_ID, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bench.floor', PASSWORD: 'not-a-password' } }",
    label: 'Cognito InitiateAuth',
  },
  '@aws-sdk/client-s3': { command: 'HeadObjectCommand', input: "{ Bucket: process.env.FILES_BUCKET, Key: 'bench/floor' }", label: 'S3 HeadObject' },
  '@aws-sdk/client-sesv2': {
    command: 'SendEmailCommand',
    input:
      "{ FromEmailAddress: process.env.MAIL_FROM, Destination: { ToAddresses: ['floor@bench.example'] }, Content: { Simple: { Subject: { Data: 'floor' }, Body: { Text: { Data: 'floor' } } } } }",
    label: 'SES SendEmail',
  },
  '@aws-sdk/client-eventbridge': {
    command: 'PutEventsCommand',
    input: "{ Entries: [{ EventBusName: process.env.EVENT_BUS_NAME, Source: 'bench', DetailType: 'bench.floor', Detail: '{}' }] }",
    label: 'EventBridge PutEvents',
  },
};

export interface Floor {
  name: string;
  file: string;
  /** Size of the bundle, minified as the Lambdas are. */
  bytes: number;
  clients: string[];
  /** The calls its handler makes, one per service the typical request called; undefined when it makes none. */
  call?: string;
  error?: string;
}

/**
 * The source of a floor entry: each client constructed at the top level as Portico's
 * client modules construct theirs (region, and the stand-in's endpoint where the local
 * runtime sets one), and a handler that makes, in the same order, one call to each service
 * the Lambda's typical request called (DynamoDB through the document client, with the
 * same operation as Portico's first). Whatever it answers, then it answers 200.
 */
export function floorSource(
  clients: string[],
  classes: Record<string, string>,
  calls: Array<{ service: string; call: FirstCall }>,
): { source: string; call?: string } {
  const made: Array<{ pkg: string; command: string; statement: string; label: string }> = [];
  for (const { service, call } of calls) {
    if (service === '@aws-sdk/client-dynamodb') {
      const operation = call.target?.match(/^DynamoDB_\d+\.(\w+)$/)?.[1];
      const dynamo = operation && clients.includes('@aws-sdk/lib-dynamodb') ? DYNAMODB_CALLS[operation] : undefined;
      if (dynamo)
        made.push({
          pkg: '@aws-sdk/lib-dynamodb',
          command: dynamo.command,
          statement: `await documentClient.send(new ${dynamo.command}(${dynamo.input}));`,
          label: `DynamoDB ${operation}`,
        });
      continue;
    }
    const other = SERVICE_CALLS[service];
    if (other && clients.includes(service)) {
      made.push({
        pkg: service,
        command: other.command,
        statement: `await ${variable(service)}.send(new ${other.command}(${other.input})).catch(() => undefined);`,
        label: other.label,
      });
    }
  }
  const commandsOf = (pkg: string) => made.filter((m) => m.pkg === pkg).map((m) => m.command);
  const imports = clients.map((pkg) => `import { ${[classes[pkg], ...commandsOf(pkg)].join(', ')} } from '${pkg}';`);
  const endpoint = (pkg: string) => `process.env.${ENDPOINT_OF[pkg] ?? 'NO_ENDPOINT_VARIABLE'}`;
  const config = (pkg: string) =>
    `{ region: process.env.AWS_REGION, ...(${endpoint(pkg)} ? { endpoint: ${endpoint(pkg)}${pkg === '@aws-sdk/client-s3' ? ', forcePathStyle: true' : ''} } : {}) }`;
  const constructed = clients.map((pkg) =>
    pkg === '@aws-sdk/lib-dynamodb'
      ? `export const documentClient = ${classes[pkg]}.from(${variable('@aws-sdk/client-dynamodb')}, { marshallOptions: { removeUndefinedValues: true } });`
      : `export const ${variable(pkg)} = new ${classes[pkg]}(${config(pkg)});`,
  );
  // The document client wraps the DynamoDB client: constructed after it.
  constructed.sort((a, b) => Number(a.includes('documentClient')) - Number(b.includes('documentClient')));
  const body = made.length
    ? ["  const table = process.env.TABLE_NAME, key = { pk: 'BENCH#floor', sk: 'BENCH#floor' };", ...made.map((m) => `  ${m.statement}`)]
    : [];
  const source = [...imports, '', ...constructed, '', 'export const handler = async () => {', ...body, '  return { statusCode: 200 };', '};', ''].join('\n');
  return { source, ...(made.length ? { call: made.map((m) => m.label).join(' + ') } : {}) };
}

const variable = (pkg: string): string => pkg.replace(/^@aws-sdk\//, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Each client package's client class (`DynamoDBClient`, `DynamoDBDocumentClient`, …): the
 * one export named `…Client` with a `send`, as the package itself says.
 */
function clientClasses(packages: string[]): Record<string, string> {
  const classes: Record<string, string> = {};
  for (const pkg of packages) {
    const exports = require(pkg) as Record<string, unknown>;
    const name = Object.keys(exports).find(
      (k) => /^[A-Z]\w*Client$/.test(k) && typeof (exports[k] as { prototype?: { send?: unknown } })?.prototype?.send === 'function',
    );
    if (!name) throw new Error(`${pkg} exports no client class`);
    classes[pkg] = name;
  }
  return classes;
}

/** Writes and bundles one floor per Lambda, next to the Lambdas' bundles. */
export async function buildFloors(
  root: string,
  outDir: string,
  lambdas: Array<{ name: string; clients: string[]; calls: Array<{ service: string; call: FirstCall }> }>,
): Promise<Floor[]> {
  const dir = join(outDir, 'floors');
  mkdirSync(dir, { recursive: true });
  try {
    const classes = clientClasses([...new Set(lambdas.flatMap((l) => l.clients))]);
    const floors: Floor[] = [];
    for (const { name, clients, calls } of lambdas) {
      const entry = join(dir, `${name}.floor.ts`);
      const file = join(dir, `${name}.floor.js`);
      const { source, call } = floorSource(clients, classes, calls);
      writeFileSync(entry, `// The floor of the ${name} Lambda, written by bench/floors.ts.\n${source}`);
      // The entry may be written outside the repository: its packages are the repository's.
      const result = await build({
        ...LAMBDA_ESBUILD,
        entryPoints: [entry],
        outfile: file,
        absWorkingDir: root,
        nodePaths: [join(root, 'node_modules')],
        logLevel: 'silent',
      }).catch((err: Error & { errors?: Array<{ text: string }> }) => err);
      const error =
        result instanceof Error
          ? `${relative(root, entry)}: ${(result as { errors?: Array<{ text: string }> }).errors?.[0]?.text ?? result.message.split('\n')[0]}`
          : undefined;
      floors.push({ name, file, bytes: error ? 0 : statSync(file).size, clients, ...(call ? { call } : {}), ...(error ? { error } : {}) });
    }
    return floors;
  } finally {
    await stopEsbuild();
  }
}
