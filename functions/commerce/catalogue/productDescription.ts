import { Marked } from 'marked';
import { FilterXSS, escapeHtml } from 'xss';

/**
 * A product's description: Markdown from the CRM, stored beside it as HTML the portal can
 * show as is. Two kept libraries, both plain JavaScript with no DOM (they run in the admin
 * Lambda): marked renders the Markdown, with raw HTML in it shown as text, not passed
 * through; js-xss then keeps only the tags and attributes of that Markdown's output on an
 * allow-list and links to http(s) and mailto only (no `javascript:` or `data:` URL).
 */

const markdown = new Marked({
  async: false,
  gfm: true,
  renderer: {
    // The CRM's raw HTML is shown as the text it is, never as markup.
    html: ({ text }) => escapeHtml(text),
  },
});

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

const sanitiser = new FilterXSS({
  whiteList: {
    h1: [],
    h2: [],
    h3: [],
    h4: [],
    h5: [],
    h6: [],
    p: [],
    br: [],
    hr: [],
    strong: [],
    em: [],
    del: [],
    code: [],
    pre: [],
    blockquote: [],
    ul: [],
    ol: ['start'],
    li: [],
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    table: [],
    thead: [],
    tbody: [],
    tr: [],
    th: ['align'],
    td: ['align'],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style'],
  safeAttrValue(_tag, name, value) {
    if (name === 'href' || name === 'src') {
      const url = value.trim();
      return SAFE_URL.test(url) ? escapeHtml(url) : '';
    }
    return escapeHtml(value);
  },
  onTagAttr(tag, name, value) {
    // Links leave the portal in a new context that cannot reach back to it.
    if (tag === 'a' && name === 'href' && SAFE_URL.test(value.trim())) return `href="${escapeHtml(value.trim())}" rel="noopener noreferrer nofollow"`;
    return undefined;
  },
});

/** The description's Markdown as sanitised HTML. */
export function descriptionHtml(source: string): string {
  if (!source.trim()) return '';
  return sanitiser.process(markdown.parse(source) as string).trim();
}
