/**
 * Money, dates, sizes and statuses as the documents pages show them. Money arrives in
 * integer minor units with an ISO 4217 currency; Intl knows each currency's digits
 * (GBP 2, JPY 0, BHD 3), so minor units become major ones by that count.
 */

const LOCALE = typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-GB';

const currencyFormats = new Map<string, { format: Intl.NumberFormat; known: boolean }>();
function currencyFormat(currency: string): { format: Intl.NumberFormat; known: boolean } {
  let entry = currencyFormats.get(currency);
  if (!entry) {
    try {
      entry = { format: new Intl.NumberFormat(LOCALE, { style: 'currency', currency }), known: true };
    } catch {
      entry = { format: new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }), known: false };
    }
    currencyFormats.set(currency, entry);
  }
  return entry;
}

/** How many minor units make a major one's digits: GBP → 2, JPY → 0, KWD → 3. */
export function currencyDigits(currency: string): number {
  return currencyFormat(currency).format.resolvedOptions().maximumFractionDigits ?? 2;
}

/** `123456`, `GBP` → `£1,234.56` (in the reader's locale). */
export function formatMoney(minor: number, currency: string): string {
  const { format, known } = currencyFormat(currency);
  const text = format.format(minor / 10 ** currencyDigits(currency));
  // A code Intl does not know falls back to a plain number: say which currency it is.
  return known ? text : `${text} ${currency}`;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });

/** A calendar date (`2026-11-22`) → `22 Nov 2026`; unchanged when it is not a date. */
export function formatDate(value: string | undefined): string {
  if (!value) return '';
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at)) return value;
  return dateFormat.format(at);
}

/** An instant → `22 Nov 2026, 14:05` in the reader's time zone. */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '';
  const at = Date.parse(value);
  return Number.isNaN(at) ? value : dateTimeFormat.format(at);
}

/** "Today, 14:05", "Yesterday, 09:12", else the date and time. */
export function formatWhen(value: string, now = new Date()): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const diff = Math.round((day(now) - day(at)) / 86_400_000);
  if (diff === 0) return `Today, ${timeFormat.format(at)}`;
  if (diff === 1) return `Yesterday, ${timeFormat.format(at)}`;
  return dateTimeFormat.format(at);
}

/** `2048` → `2 KB`, `5_400_000` → `5.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** `3.5` → `3.5`, `2` → `2`; up to three decimals, as published. */
export function formatQuantity(quantity: number): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 }).format(quantity);
}

/** Basis points → `20%`, `12.5%`. */
export function formatRate(bps: number): string {
  return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(bps / 100)}%`;
}

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted';

/** Words and colour of each status or list filter; the word always shows, the colour only supports it. */
const STATUS: Record<string, { label: string; tone: Tone }> = {
  open: { label: 'Open', tone: 'info' },
  submitted: { label: 'Submitted', tone: 'info' },
  accepted: { label: 'Accepted', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  expired: { label: 'Expired', tone: 'muted' },
  completed: { label: 'Completed', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'muted' },
  outstanding: { label: 'Outstanding', tone: 'warning' },
  overdue: { label: 'Overdue', tone: 'danger' },
  paid: { label: 'Paid', tone: 'success' },
  credit: { label: 'Credit note', tone: 'info' },
  void: { label: 'Void', tone: 'muted' },
  'in-progress': { label: 'In progress', tone: 'info' },
  'awaiting-approval': { label: 'Awaiting approval', tone: 'warning' },
  received: { label: 'Received', tone: 'success' },
  closed: { label: 'Closed', tone: 'muted' },
  signed: { label: 'Signed', tone: 'success' },
};

/** A list filter's tab: the status's words, but "Credit notes" for the list of them. */
export function filterLabel(filter: string): string {
  return filter === 'credit' ? 'Credit notes' : statusLabel(filter);
}

/** `in-progress` → `In progress`; unknown statuses are made readable the same way. */
export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? humanize(status);
}

export function statusTone(status: string): Tone {
  return STATUS[status]?.tone ?? 'neutral';
}

/** `awaiting_approval`, `changes-requested` → `Awaiting approval`, `Changes requested`. */
export function humanize(value: string): string {
  const words = value
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 quote", "3 quotes". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat(LOCALE).format(n)} ${n === 1 ? one : many}`;
}
