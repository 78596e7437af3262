/** Turns a snapshot into the page's sections. Each function owns one element and redraws it whole. */
import type { AgreementStatus, DashboardAgreementFragment, DashboardSnapshotQuery } from '../gql/graphql';
import type { ConnectionState } from './api';
import { formatDate, h, sourceLinks, time } from './dom';

export type Agreement = DashboardAgreementFragment;
export type Stats = NonNullable<DashboardSnapshotQuery['stats']>;
export type TimelineEvent = NonNullable<DashboardSnapshotQuery['timeline']>['edges'][number]['node'];

/** How long a change stays highlighted. */
export const HIGHLIGHT_MS = 6_000;

const STATUSES: Record<AgreementStatus, string> = {
  SIGNED: 'Signed',
  NEGOTIATING: 'Negotiating',
  STALLED: 'Stalled',
  ABANDONED: 'Abandoned',
};

export const STATUS_ORDER: readonly AgreementStatus[] = ['SIGNED', 'NEGOTIATING', 'STALLED', 'ABANDONED'];

export const statusLabel = (status: AgreementStatus) => STATUSES[status];

/**
 * Marks an element changed `since` (performance.now()): the CSS highlight fades out over
 * HIGHLIGHT_MS, and a redraw continues the fade where it was instead of restarting it.
 */
function highlight(element: HTMLElement, since: number | undefined): void {
  if (since === undefined) return;
  const elapsed = performance.now() - since;
  if (elapsed >= HIGHLIGHT_MS) return;
  element.classList.add('changed');
  element.style.animationDelay = `-${Math.round(elapsed)}ms`;
  // Without motion the highlight is an outline, which must go too.
  setTimeout(() => element.classList.remove('changed'), HIGHLIGHT_MS - elapsed);
}

export function renderTotals(list: HTMLElement, stats: Stats, changedSince: (key: string) => number | undefined): void {
  const counts = new Map(stats.byStatus.map((entry) => [entry.status, entry.count]));
  const entries: Array<[key: string, label: string, value: number]> = [
    ...STATUS_ORDER.map((status): [string, string, number] => [status, STATUSES[status], counts.get(status) ?? 0]),
    ['official', "In Ukraine's official list", stats.totals.countedInOfficialList],
    ['agreements', 'Agreements recorded', stats.totals.agreements],
    ['partners', 'Partners', stats.totals.partners],
  ];
  list.replaceChildren(
    ...entries.map(([key, label, value]) => {
      const item = h('div', { class: 'stat', 'data-stat': key }, h('dt', {}, label), h('dd', {}, value));
      highlight(item, changedSince(key));
      return item;
    }),
  );
}

const SORT_KEYS = ['partner', 'status', 'signedOn', 'place', 'official'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const isSortKey = (value: string | undefined): value is SortKey => SORT_KEYS.some((key) => key === value);
export interface Sort {
  key: SortKey;
  descending: boolean;
}

const sortValue: Record<SortKey, (agreement: Agreement) => string | null> = {
  partner: (agreement) => agreement.partner.name,
  status: (agreement) => statusLabel(agreement.status),
  signedOn: (agreement) => agreement.signedOn,
  place: (agreement) => agreement.place,
  official: (agreement) => (agreement.countedInOfficialList ? 'yes' : 'no'),
};

/** Sorted by the chosen column, empty values last either way, then by partner. */
function sorted(agreements: readonly Agreement[], sort: Sort): Agreement[] {
  const value = sortValue[sort.key];
  return [...agreements].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x.localeCompare(y) * (sort.descending ? -1 : 1);
    }
    return a.partner.name.localeCompare(b.partner.name) || a.id.localeCompare(b.id);
  });
}

/** An empty cell: a dash to see, "none" to hear. */
const none = () => [h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, 'none')];

export function renderAgreements(
  table: HTMLTableElement,
  agreements: readonly Agreement[],
  sort: Sort,
  changedSince: (id: string) => number | undefined,
): void {
  for (const header of table.tHead?.querySelectorAll<HTMLElement>('th[data-sort]') ?? []) {
    const active = header.dataset.sort === sort.key;
    if (active) header.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    else header.removeAttribute('aria-sort');
  }
  const body = table.tBodies[0]!;
  body.replaceChildren(
    ...sorted(agreements, sort).map((agreement) => {
      // A stalled agreement is marked by its status badge; a disputed one by a mark of its own.
      const disputed =
        agreement.classificationDisputed &&
        h(
          'span',
          { class: 'mark mark-disputed', title: 'Sources disagree whether it is one of the G7-framework agreements' },
          'Disputed',
        );
      const row = h(
        'tr',
        { 'data-agreement-id': agreement.id, 'data-status': agreement.status },
        h(
          'th',
          { scope: 'row' },
          agreement.partner.name,
          agreement.title ? h('span', { class: 'agreement-title' }, agreement.title) : null,
        ),
        h(
          'td',
          {},
          h('span', { class: `status status-${agreement.status.toLowerCase()}` }, statusLabel(agreement.status)),
          disputed,
        ),
        // The labels name the column where a narrow screen shows each row as a card.
        h(
          'td',
          { class: 'date', 'data-label': 'Signed' },
          ...(agreement.signedOn ? [time(agreement.signedOn)] : none()),
        ),
        h('td', { 'data-label': 'Place' }, ...(agreement.place ? [agreement.place] : none())),
        h('td', { 'data-label': 'Official list' }, agreement.countedInOfficialList ? 'Yes' : 'No'),
      );
      highlight(row, changedSince(agreement.id));
      return row;
    }),
  );
}

/** Agreements not yet signed on `date` whose expected signing window has not passed by then. */
export function renderWindows(list: HTMLElement, agreements: readonly Agreement[], date: string): void {
  const open = agreements
    .filter(
      (agreement) =>
        (agreement.status === 'NEGOTIATING' || agreement.status === 'STALLED') &&
        agreement.expectedSigningWindow &&
        agreement.expectedSigningWindow.to >= date,
    )
    .sort((a, b) => a.expectedSigningWindow!.from.localeCompare(b.expectedSigningWindow!.from));
  if (open.length === 0) {
    list.replaceChildren(h('li', { class: 'empty' }, 'No expected signing window is open.'));
    return;
  }
  list.replaceChildren(
    ...open.map((agreement) => {
      const window = agreement.expectedSigningWindow!;
      return h(
        'li',
        { 'data-partner': agreement.partner.code },
        h('strong', {}, agreement.partner.name),
        ' ',
        h('span', {}, window.label ?? `${formatDate(window.from)} – ${formatDate(window.to)}`),
        ' ',
        h('span', { class: 'range' }, '(', time(window.from), ' – ', time(window.to), ')'),
        sourceLinks(window.sources),
      );
    }),
  );
}

const KINDS: Record<TimelineEvent['kind'], string> = {
  FRAMEWORK: 'Framework',
  NEGOTIATION: 'Negotiation',
  RELATED: 'Related',
  SIGNING: 'Signing',
  STATEMENT: 'Statement',
  STATUS_CHANGE: 'Status change',
};

export function renderTimeline(
  list: HTMLElement,
  events: readonly TimelineEvent[],
  changedSince: (id: string) => number | undefined,
): void {
  list.replaceChildren(
    ...events.map((event) => {
      const item = h(
        'li',
        { 'data-timeline-event-id': event.id },
        h('p', { class: 'meta' }, time(event.occurredOn, event.datePrecision), ' · ', KINDS[event.kind]),
        h('p', { class: 'title' }, event.title),
        event.sources.length ? sourceLinks(event.sources) : null,
      );
      highlight(item, changedSince(event.id));
      return item;
    }),
  );
}

const CONNECTION: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function renderConnection(indicator: HTMLElement, label: HTMLElement, state: ConnectionState): void {
  indicator.dataset.state = state;
  label.textContent = CONNECTION[state];
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Adds one line at the top of the list of changes received live (the newest `keep` stay). */
export function addActivity(list: HTMLElement, attributes: Record<string, string>, text: string, keep = 50): void {
  list.querySelector('.empty')?.remove();
  const now = new Date();
  const item = h('li', attributes, h('time', { datetime: now.toISOString() }, clock.format(now)), ' ', text);
  highlight(item, performance.now());
  list.prepend(item);
  while (list.children.length > keep) list.lastElementChild?.remove();
}
