import type { Tenant } from '../customers/tenantRepository';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface BrandedEmail {
  subject: string;
  /** Short paragraphs of plain text; they are escaped for the HTML part. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the button, e.g. when the link expires. */
  footnote?: string;
}

/**
 * Renders a transactional email in the tenant's branding: logo (https logos only; mail
 * clients block data: images), name and primary colour, with a plain-text twin. Table
 * layout and inline styles, because that is what mail clients render.
 */
export function renderBrandedEmail(tenant: Pick<Tenant, 'name' | 'branding'>, mail: BrandedEmail): { subject: string; text: string; html: string } {
  const colour = /^#[0-9a-fA-F]{6}$/.test(tenant.branding.primaryColour) ? tenant.branding.primaryColour : '#1f2937';
  const logo = tenant.branding.logoUrl?.startsWith('https://')
    ? `<img src="${escapeHtml(tenant.branding.logoUrl)}" alt="${escapeHtml(tenant.name)}" height="48" style="display:block;height:48px;border:0;margin:0 auto 8px">`
    : '';
  const paragraphs = mail.paragraphs.map((p) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937">${escapeHtml(p)}</p>`).join('');
  const button = mail.action
    ? `<p style="margin:24px 0;text-align:center"><a href="${escapeHtml(mail.action.url)}" style="display:inline-block;background:${colour};color:#ffffff;text-decoration:none;font-weight:600;font-size:16px;padding:12px 24px;border-radius:8px">${escapeHtml(mail.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;line-height:20px;color:#4b5563">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(mail.action.url)}</span></p>`
    : '';
  const footnote = mail.footnote ? `<p style="margin:16px 0 0;font-size:13px;line-height:20px;color:#4b5563">${escapeHtml(mail.footnote)}</p>` : '';
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(mail.subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0"><tr><td align="center">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">` +
    `<tr><td style="background:${colour};height:6px;font-size:0;line-height:0">&nbsp;</td></tr>` +
    `<tr><td style="padding:32px 32px 8px;text-align:center">${logo}<p style="margin:0;font-size:14px;font-weight:600;color:${colour}">${escapeHtml(tenant.name)}</p></td></tr>` +
    `<tr><td style="padding:16px 32px 32px">${paragraphs}${button}${footnote}</td></tr>` +
    `</table><p style="margin:16px 0 0;font-size:12px;color:#6b7280">Sent by ${escapeHtml(tenant.name)} through its customer portal.</p></td></tr></table></body></html>`;
  const text = [
    tenant.name,
    '',
    ...mail.paragraphs.flatMap((p) => [p, '']),
    ...(mail.action ? [`${mail.action.label}: ${mail.action.url}`, ''] : []),
    ...(mail.footnote ? [mail.footnote, ''] : []),
    `Sent by ${tenant.name} through its customer portal.`,
  ].join('\n');
  return { subject: mail.subject, text, html };
}
