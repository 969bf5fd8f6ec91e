import { ADVERTISED_CARDS, type CardField, type CardInput } from './cards';
import { formatAmount, type CheckoutSession, type LineItem } from './objects';
import { landingUrl } from './sessions';

/**
 * The hosted test checkout page: plain HTML with a form that POSTs, so it works without
 * JavaScript; labelled fields with the card autocomplete tokens; a problem shown in an
 * alert and tied to its field; a banner saying this is the local stand-in, with the
 * test card numbers.
 */

export interface CheckoutView {
  session: CheckoutSession;
  merchant: string;
  lineItems: LineItem[];
  /** What the customer typed, shown again after a problem (never the CVC). */
  values?: CardInput;
  problem?: { field?: CardField; message: string };
}

export function checkoutPage(view: CheckoutView): string {
  const { session, merchant, lineItems, values = {}, problem } = view;
  const total = formatAmount(session.amount_total, session.currency);
  const field = (name: CardField) => (problem?.field === name ? ` aria-invalid="true" aria-describedby="problem"` : '');
  const cancel = session.cancel_url
    ? `<p class="cancel"><a href="${esc(landingUrl(session.cancel_url, session.id))}">Cancel and return to ${esc(merchant)}</a></p>`
    : '';
  const email = session.customer_email
    ? `<div class="field"><label for="email">Email</label><input id="email" name="email" type="email" value="${esc(session.customer_email)}" readonly autocomplete="email"></div>`
    : `<div class="field"><label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="email" value="${esc(values.email ?? '')}"${field('email')}></div>`;
  const items = lineItems
    .map(
      (item) =>
        `<li><span>${esc(item.description)}${item.quantity > 1 ? ` × ${item.quantity}` : ''}</span><span>${esc(formatAmount(item.amount_total, item.currency))}</span></li>`,
    )
    .join('');
  const body = `
  <main>
    <p class="merchant">${esc(merchant)}</p>
    <h1>Pay <span class="amount">${esc(total)}</span></h1>
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading" class="visually-hidden">Order summary</h2>
      <ul class="items">${items}</ul>
      <p class="total"><span>Total due</span><span>${esc(total)}</span></p>
    </section>
    <form method="post" action="/checkout/${esc(session.id)}/pay">
      ${problem ? `<div class="problem" role="alert" id="problem">${esc(problem.message)}</div>` : ''}
      ${email}
      <fieldset>
        <legend>Card details</legend>
        <div class="field"><label for="card-number">Card number</label><input id="card-number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required value="${esc(values.number ?? '')}"${field('number')}></div>
        <div class="row">
          <div class="field"><label for="expiry">Expiry date (MM / YY)</label><input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" required value="${esc(values.expiry ?? '')}"${field('expiry')}></div>
          <div class="field"><label for="cvc">Security code (CVC)</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" maxlength="4" required${field('cvc')}></div>
        </div>
        <div class="field"><label for="name">Name on card <span class="optional">(optional)</span></label><input id="name" name="name" autocomplete="cc-name" value="${esc(values.name ?? '')}"></div>
      </fieldset>
      <button type="submit">Pay ${esc(total)}</button>
    </form>
    ${cancel}
  </main>`;
  return layout(`Pay ${merchant} – local test checkout`, body);
}

/** A session that can no longer be paid: complete (link to the success URL) or expired (link back). */
export function closedPage(session: CheckoutSession, merchant: string): string {
  const complete = session.status === 'complete';
  const target = complete ? session.success_url : session.cancel_url;
  const link = target ? `<p><a class="button" href="${esc(landingUrl(target, session.id))}">Return to ${esc(merchant)}</a></p>` : '';
  const body = complete
    ? `<main><p class="merchant">${esc(merchant)}</p><h1>Payment complete</h1><p>You paid ${esc(formatAmount(session.amount_total, session.currency))}. Nothing more to do here.</p>${link}</main>`
    : `<main><p class="merchant">${esc(merchant)}</p><h1>This checkout has expired</h1><p>Nothing was charged. Start the payment again from ${esc(merchant)}.</p>${link}</main>`;
  return layout(complete ? 'Payment complete – local test checkout' : 'Checkout expired – local test checkout', body);
}

export function notFoundPage(): string {
  return layout(
    'Checkout not found – local test checkout',
    `<main><h1>Checkout not found</h1><p>There is no checkout session at this address. It may belong to an earlier run of the local stand-in, which keeps sessions in memory only.</p></main>`,
  );
}

function layout(title: string, body: string): string {
  const cards = ADVERTISED_CARDS.map((c) => `<li><code>${c.number}</code> ${c.does}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<aside class="banner" aria-label="About this page">
  <p><strong>Local test checkout.</strong> This is Portico's local stand-in for Stripe: no card is charged and no money moves.</p>
  <p>Test cards (any future expiry date, any 3-digit CVC):</p>
  <ul>${cards}</ul>
</aside>
${body}
</body>
</html>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
.banner{background:#fff4d6;color:#3d2c00;border-bottom:1px solid #e5c96b;padding:.75rem 1rem;font-size:.9rem}
.banner p{margin:.2rem 0}.banner ul{margin:.2rem 0;padding-left:1.25rem}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d8dee4;border-radius:8px}
.merchant{margin:0;color:#4f566b;font-weight:600}
h1{margin:.25rem 0 1rem;font-size:1.6rem}
.items{list-style:none;margin:0;padding:0}
.items li,.total{display:flex;justify-content:space-between;gap:1rem;margin:.25rem 0}
.total{border-top:1px solid #d8dee4;padding-top:.5rem;font-weight:600}
fieldset{border:0;margin:1rem 0 0;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.25rem}
.field{display:flex;flex-direction:column;margin:.6rem 0}
.row{display:flex;gap:.75rem}.row .field{flex:1}
label{font-size:.9rem;margin-bottom:.2rem}
.optional{color:#4f566b}
input{width:100%;min-width:0;font:inherit;padding:.55rem .65rem;border:1px solid #8792a2;border-radius:6px;color:inherit;background:#fff}
input[readonly]{background:#f6f8fa}
input[aria-invalid=true]{border-color:#b3261e;box-shadow:0 0 0 1px #b3261e}
.problem{background:#fdecea;color:#8c1d18;border:1px solid #b3261e;border-radius:6px;padding:.6rem .75rem;margin:.5rem 0}
button,.button{display:inline-block;width:100%;margin-top:1rem;padding:.7rem 1rem;font:inherit;font-weight:600;text-align:center;color:#fff;background:#2b4acb;border:0;border-radius:6px;cursor:pointer;text-decoration:none}
button:hover,.button:hover{background:#1f3aa8}
a{color:#2b4acb}
.cancel{text-align:center;margin:1rem 0 0}
:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
