/** Small DOM helpers: elements are built with text nodes, never from HTML strings. */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined>;

function build<E extends Element>(element: E, attributes: Attributes, children: Child[]): E {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), attributes, children);
}

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

/** The element with this id, checked to be of the expected class (the page's HTML is the contract). */
export function byId<E extends HTMLElement>(id: string, type: new () => E): E {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page`);
  return element;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const longMonthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD, or YYYY-MM) for people: "13 Jun 2024", or "Jun 2024" for a month. */
export function formatDate(date: string, precision: 'DAY' | 'MONTH' | 'LONG_MONTH' = 'DAY'): string {
  const instant = new Date(`${date.slice(0, 7)}-${date.length > 7 ? date.slice(8, 10) : '01'}T00:00:00Z`);
  if (precision === 'MONTH') return monthFormat.format(instant);
  if (precision === 'LONG_MONTH') return longMonthFormat.format(instant);
  return dayFormat.format(instant);
}

/** `<time>` with its machine-readable date. */
export function time(date: string, precision: 'DAY' | 'MONTH' = 'DAY'): HTMLTimeElement {
  return h('time', { datetime: precision === 'MONTH' ? date.slice(0, 7) : date }, formatDate(date, precision));
}

/** Today in the reader's time zone, YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Links to sources, named by their host ("pravda.com.ua"). */
export function sourceLinks(urls: readonly string[]): HTMLElement {
  const list = h('ul', { class: 'sources' });
  for (const url of urls) {
    let host = url;
    try {
      host = new URL(url).hostname.replace(/^www\./, '');
    } catch {}
    list.append(h('li', {}, h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, host)));
  }
  return list;
}
