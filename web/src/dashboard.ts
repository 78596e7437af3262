/**
 * The page's flow: read a snapshot, follow changes from it, and re-read the picture on each change
 * (the numbers, chart and table all move together, so one re-read beats patching each).
 */
import type { DashboardSnapshotQuery, DashboardSnapshotQueryVariables } from '../gql/graphql';
import { type ConnectionState, LiveConnection, query, resumable } from './api';
import { renderChart } from './chart';
import { DashboardSnapshot, DashboardStatusChanged, DashboardTimelineEventAdded } from './documents';
import { byId, formatDate, today } from './dom';
import {
  type Agreement,
  addActivity,
  HIGHLIGHT_MS,
  isSortKey,
  renderAgreements,
  renderConnection,
  renderTimeline,
  renderTotals,
  renderWindows,
  type Sort,
  STATUS_ORDER,
  type Stats,
  statusLabel,
  type TimelineEvent,
} from './render';

/** Shows the date control (its "20 April 2024" preset included), which chooses `asOf`. */
export const AS_OF_ENABLED = true;

interface Snapshot {
  stats: Stats;
  agreements: Agreement[];
  timeline: TimelineEvent[];
  /** The event-log position the snapshot reflects, where the API tells it. */
  cursor: string | undefined;
}

type ViewVariables = Omit<DashboardSnapshotQueryVariables, 'overview' | 'agreementsAfter'>;

/** The variables that choose the moment shown: null is now. */
function snapshotVariables(asOf: string | null): ViewVariables {
  return { asOf, timelineTo: asOf };
}

function snapshotCursor(data: DashboardSnapshotQuery): string | undefined {
  return data.cursor;
}

async function loadSnapshot(asOf: string | null): Promise<Snapshot> {
  const variables = snapshotVariables(asOf);
  const first = await query(DashboardSnapshot, { ...variables, overview: true });
  const agreements = first.agreements.edges.map((edge) => edge.node);
  for (let page = first.agreements.pageInfo; page.hasNextPage; ) {
    const next = await query(DashboardSnapshot, { ...variables, overview: false, agreementsAfter: page.endCursor });
    agreements.push(...next.agreements.edges.map((edge) => edge.node));
    page = next.agreements.pageInfo;
  }
  return {
    stats: first.stats!,
    agreements,
    timeline: first.timeline!.edges.map((edge) => edge.node),
    cursor: snapshotCursor(first),
  };
}

export class Dashboard {
  private readonly elements = {
    connection: byId('connection', HTMLElement),
    connectionLabel: byId('connection-label', HTMLElement),
    cursor: byId('cursor', HTMLElement),
    problem: byId('problem', HTMLElement),
    viewNote: byId('view-note', HTMLElement),
    totals: byId('totals', HTMLElement),
    chart: byId('chart', HTMLElement),
    agreements: byId('agreements', HTMLTableElement),
    windows: byId('windows', HTMLElement),
    timeline: byId('timeline', HTMLElement),
    activity: byId('activity', HTMLElement),
    asOfForm: byId('as-of', HTMLFormElement),
    asOfDate: byId('as-of-date', HTMLInputElement),
  };
  private asOf: string | null = null;
  private snapshot: Snapshot | undefined;
  private sort: Sort = { key: 'partner', descending: false };
  /** performance.now() of the last change to an agreement, timeline event or total, for highlights. */
  private readonly changed = new Map<string, number>();
  private shownCursor = 0;
  private refreshing = false;
  private refreshAgain = false;

  async start(): Promise<void> {
    this.bindControls();
    const connection = new LiveConnection(
      [
        resumable({
          document: DashboardStatusChanged,
          cursorOf: (event) => event.agreementStatusChanged.cursor,
          onEvent: ({ agreementStatusChanged: change }) => {
            this.changed.set(change.agreement.id, performance.now());
            this.showCursor(change.cursor);
            this.applyToTable(change.agreement);
            addActivity(
              this.elements.activity,
              { 'data-topic': 'status', 'data-agreement-id': change.agreement.id, 'data-cursor': change.cursor },
              `${change.agreement.partner.name}: ${statusLabel(change.from)} → ${statusLabel(change.to)} (effective ${formatDate(change.effectiveDate)})`,
            );
            this.refresh();
          },
        }),
        resumable({
          document: DashboardTimelineEventAdded,
          cursorOf: (event) => event.timelineEventAdded.cursor,
          onEvent: ({ timelineEventAdded: added }) => {
            this.changed.set(added.timelineEvent.id, performance.now());
            this.showCursor(added.cursor);
            addActivity(
              this.elements.activity,
              {
                'data-topic': 'timeline',
                'data-timeline-event-id': added.timelineEvent.id,
                'data-cursor': added.cursor,
              },
              `Timeline: ${added.timelineEvent.title}`,
            );
            this.refresh();
          },
        }),
      ],
      {
        onState: (state) => this.showConnection(state),
        onConnected: (gap) => gap && this.refresh(),
      },
    );
    this.showConnection('connecting');
    let first: Snapshot | undefined;
    try {
      first = await loadSnapshot(this.asOf);
      this.show(first);
    } catch (error) {
      this.showProblem(error);
    }
    // Without a first snapshot the connection counts as a gap and re-reads once it is up.
    void connection.run(first?.cursor);
  }

  /** Re-reads the picture; changes arriving meanwhile cause one more read, not one each. */
  private refresh(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    void (async () => {
      do {
        this.refreshAgain = false;
        const asOf = this.asOf;
        try {
          const snapshot = await loadSnapshot(asOf);
          if (asOf === this.asOf) this.show(snapshot);
          else this.refreshAgain = true;
        } catch (error) {
          // The connection re-reads when it is back; nothing to retry here.
          this.showProblem(error);
        }
      } while (this.refreshAgain);
      this.refreshing = false;
    })();
  }

  private show(snapshot: Snapshot): void {
    const previous = this.snapshot?.stats;
    if (previous) this.noteChangedTotals(previous, snapshot.stats);
    this.snapshot = snapshot;
    if (snapshot.cursor) this.showCursor(snapshot.cursor);
    const now = performance.now();
    for (const [key, since] of this.changed) if (now - since >= HIGHLIGHT_MS) this.changed.delete(key);
    this.elements.problem.hidden = true;
    const date = this.asOf ?? today();
    renderTotals(this.elements.totals, snapshot.stats, this.changedSince);
    this.drawChart();
    this.drawAgreements();
    renderWindows(this.elements.windows, snapshot.agreements, date);
    renderTimeline(this.elements.timeline, snapshot.timeline, this.changedSince);
    this.elements.viewNote.textContent = this.asOf
      ? `Showing the state at the end of ${formatDate(this.asOf)}. Changes made now are still listed below; choose “Live” to follow them.`
      : 'Showing the state now; changes appear as they happen.';
    document.body.dataset.view = this.asOf ? 'as-of' : 'live';
  }

  private readonly changedSince = (key: string) => this.changed.get(key);

  /**
   * Shows the changed agreement's row at once, from the event (which carries the agreement as it
   * is now); the totals and the chart follow with the re-read. A past date's view waits for it.
   */
  private applyToTable(agreement: Agreement): void {
    if (!this.snapshot || this.asOf) return;
    const rows = this.snapshot.agreements;
    const index = rows.findIndex((row) => row.id === agreement.id);
    if (index < 0) rows.push(agreement);
    else rows[index] = agreement;
    this.drawAgreements();
  }

  private drawChart(): void {
    if (!this.snapshot) return;
    renderChart(this.elements.chart, this.snapshot.stats.signingsByMonth, (this.asOf ?? today()).slice(0, 7));
  }

  private drawAgreements(): void {
    if (!this.snapshot) return;
    renderAgreements(this.elements.agreements, this.snapshot.agreements, this.sort, this.changedSince);
  }

  private noteChangedTotals(before: Stats, after: Stats): void {
    const now = performance.now();
    const count = (stats: Stats, status: string) => stats.byStatus.find((entry) => entry.status === status)?.count ?? 0;
    for (const status of STATUS_ORDER) {
      if (count(before, status) !== count(after, status)) this.changed.set(status, now);
    }
    const totals = [
      ['official', 'countedInOfficialList'],
      ['agreements', 'agreements'],
      ['partners', 'partners'],
    ] as const;
    for (const [key, field] of totals) {
      if (before.totals[field] !== after.totals[field]) this.changed.set(key, now);
    }
  }

  private showCursor(cursor: string): void {
    // Events and re-read snapshots interleave: show the furthest log position the page reflects.
    if (Number(cursor) < this.shownCursor) return;
    this.shownCursor = Number(cursor);
    this.elements.cursor.textContent = cursor;
  }

  private showConnection(state: ConnectionState): void {
    renderConnection(this.elements.connection, this.elements.connectionLabel, state);
  }

  private showProblem(error: unknown): void {
    this.elements.problem.hidden = false;
    this.elements.problem.textContent = `Could not load the data (${error instanceof Error ? error.message : String(error)}). It is read again when the connection is back.`;
  }

  private setView(asOf: string | null): void {
    this.asOf = asOf;
    this.elements.asOfDate.value = asOf ?? '';
    const url = new URL(location.href);
    if (asOf) url.searchParams.set('asOf', asOf);
    else url.searchParams.delete('asOf');
    history.replaceState(null, '', url);
    this.refresh();
  }

  private bindControls(): void {
    for (const header of this.elements.agreements.tHead?.querySelectorAll<HTMLElement>('th[data-sort]') ?? []) {
      const key = header.dataset.sort;
      if (!isSortKey(key)) continue;
      header.querySelector('button')?.addEventListener('click', () => {
        this.sort = { key, descending: this.sort.key === key && !this.sort.descending };
        this.drawAgreements();
      });
    }
    // The chart fits its width: redraw when that changes.
    let width = this.elements.chart.clientWidth;
    new ResizeObserver(() => {
      if (this.elements.chart.clientWidth === width) return;
      width = this.elements.chart.clientWidth;
      this.drawChart();
    }).observe(this.elements.chart);

    if (!AS_OF_ENABLED) return;
    const form = this.elements.asOfForm;
    form.hidden = false;
    this.elements.asOfDate.max = today();
    form.addEventListener('submit', (event) => event.preventDefault());
    this.elements.asOfDate.addEventListener('change', () => this.setView(this.elements.asOfDate.value || null));
    for (const preset of form.querySelectorAll<HTMLButtonElement>('button[data-as-of]')) {
      preset.addEventListener('click', () => this.setView(preset.dataset.asOf ?? null));
    }
    byId('back-to-live', HTMLButtonElement).addEventListener('click', () => this.setView(null));
    const requested = new URL(location.href).searchParams.get('asOf');
    if (requested && /^\d{4}-\d{2}-\d{2}$/.test(requested)) {
      this.asOf = requested;
      this.elements.asOfDate.value = requested;
    }
  }
}
