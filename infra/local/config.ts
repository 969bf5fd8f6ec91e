/** Fixed names and default ports of the local runtime; each port can be moved by its env var. */
export const LOCAL_NAMES = {
  table: 'portico-local',
  filesBucket: 'portico-files',
  eventBus: 'portico',
  portalPool: 'portico-portal',
  staffPool: 'portico-staff',
  mailFrom: 'no-reply@portico.localhost',
  baseDomain: 'localhost',
  region: 'eu-west-1',
} as const;

export interface LocalPorts {
  gateway: number;
  dynamodb: number;
  cognito: number;
  ses: number;
  s3: number;
  eventBus: number;
  /** The local Stripe stand-in (only when no STRIPE_SECRET_KEY is set). */
  stripe: number;
}

export const DEFAULT_PORTS: LocalPorts = { gateway: 3000, dynamodb: 8000, cognito: 9229, ses: 8005, s3: 4569, eventBus: 4010, stripe: 12111 };

export const PORT_ENV: Record<keyof LocalPorts, string> = {
  gateway: 'PORTICO_PORT',
  dynamodb: 'PORTICO_DYNAMODB_PORT',
  cognito: 'PORTICO_COGNITO_PORT',
  ses: 'PORTICO_SES_PORT',
  s3: 'PORTICO_S3_PORT',
  eventBus: 'PORTICO_EVENTBUS_PORT',
  stripe: 'PORTICO_STRIPE_PORT',
};

export function portsFromEnv(env = process.env): LocalPorts {
  const ports = { ...DEFAULT_PORTS };
  for (const key of Object.keys(PORT_ENV) as (keyof LocalPorts)[]) {
    const value = env[PORT_ENV[key]];
    if (value) ports[key] = Number(value);
  }
  return ports;
}
