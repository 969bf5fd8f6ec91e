import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { clientConfig } from './clientConfig';
import { env, optionalEnv } from './env';

let client: SESv2Client | undefined;

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Display name shown before the sending address, e.g. the tenant's name. */
  fromName?: string;
}

/** Sends one email through SES v2 (locally, aws-ses-v2-local speaks the same API). */
export async function sendMail(mail: OutgoingMail): Promise<string | undefined> {
  client ??= new SESv2Client(clientConfig('ses'));
  const from = env('MAIL_FROM');
  const result = await client.send(
    new SendEmailCommand({
      FromEmailAddress: mail.fromName ? `"${mail.fromName.replace(/["\\\r\n]/g, '')}" <${from}>` : from,
      Destination: { ToAddresses: mail.to },
      ConfigurationSetName: optionalEnv('SES_CONFIGURATION_SET'),
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
          },
        },
      },
    }),
  );
  return result.MessageId;
}
