/**
 * The soak's HTTP traffic: readers at a steady rate on the benchmark's queries, and a writer of
 * transitions (some racing with the same expected version), agreement edits and timeline
 * additions. Every write is recorded with its outcome, for the checks against the database:
 *   acked    the server answered with the payload: it must be in the database exactly once
 *   refused  a typed error (a version conflict, say): it must have changed nothing
 *   failed   any other answer (a masked error): it must have changed nothing either
 *   unknown  no answer (the connection died): it must be all there or not there at all
 * After anything but `acked` (or a race's expected conflict) the writer no longer knows the
 * agreement's version, so it retires that agreement and takes a fresh one.
 */
import { globalId } from '../../tests/support/app';
import { post } from '../fanout/writer';
import { oursQueries } from '../queries';
import type { Instance } from './instances';
import { pick } from './random';

export type Outcome = 'acked' | 'refused' | 'failed' | 'unknown';

export interface WriteRecord {
  kind: 'transition' | 'edit' | 'timeline';
  at: number;
  instance: string;
  outcome: Outcome;
  /** The answer's __typename, or the error. */
  answer: string;
  agreementId?: number;
  expectedVersion?: number;
  /** Of a transition: its event's sequence and the version it produced. */
  sequence?: number;
  version?: number;
  /** The notes (edit) or title (timeline) that identify the write in the database. */
  tag?: string;
  /** Set on both halves of a race. */
  race?: number;
}

export interface ReadRecord {
  at: number;
  ms: number;
  ok: boolean;
}

interface Answer {
  outcome: Outcome;
  typename: string;
  data?: Record<string, unknown>;
}

const REQUEST_TIMEOUT_MS = 15_000;

async function send(
  instance: Instance,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  field: string,
  acked: string,
): Promise<Answer> {
  let response: { status: number; text: string };
  try {
    const port = Number(new URL(instance.url).port);
    response = await post(port, token, JSON.stringify({ query, variables }), REQUEST_TIMEOUT_MS);
  } catch (error) {
    return { outcome: 'unknown', typename: (error as Error).message };
  }
  try {
    const body = JSON.parse(response.text) as { data?: Record<string, Record<string, unknown> | null> };
    const result = body.data?.[field];
    if (!result) return { outcome: 'failed', typename: `${response.status} ${response.text.slice(0, 200)}` };
    const typename = String(result.__typename);
    return { outcome: typename === acked ? 'acked' : 'refused', typename, data: result };
  } catch {
    return { outcome: 'failed', typename: `${response.status} ${response.text.slice(0, 200)}` };
  }
}

const TRANSITION = `mutation SoakTransition($input: TransitionAgreementInput!) {
  transitionAgreement(input: $input) {
    __typename
    ... on AgreementStatusChange { sequence version }
    ... on VersionConflictError { actualVersion }
  }
}`;
const EDIT = `mutation SoakEdit($input: UpdateAgreementInput!) {
  updateAgreement(input: $input) { __typename ... on AgreementPayload { agreement { version } } }
}`;
const ADD_EVENT = `mutation SoakTimeline($input: AddTimelineEventInput!) {
  addTimelineEvent(input: $input) { __typename ... on AddTimelineEventPayload { timelineEvent { id } } }
}`;

interface Tracked {
  id: number;
  status: 'NEGOTIATING' | 'STALLED';
  version: number;
  busy: boolean;
}

export interface WriterOptions {
  token: string;
  random: () => number;
  instances: () => Instance[];
  /** Fresh agreements in NEGOTIATING at version 1, for transitions and for edits. */
  transitionPool: number[];
  editPool: number[];
  partnerCodes: readonly string[];
  runId: string;
}

export class Writer {
  readonly writes: WriteRecord[] = [];
  private readonly active: Tracked[] = [];
  private readonly edits: Tracked[] = [];
  private next = 0;
  private races = 0;
  /** Numbers the tags: writes.length is not unique while several writes are in flight. */
  private serial = 0;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WriterOptions) {
    for (let i = 0; i < 8; i++) this.takeFresh();
    for (let i = 0; i < 6; i++) this.takeFreshEdit();
  }

  private takeFresh(): void {
    const id = this.options.transitionPool.shift();
    if (id !== undefined) this.active.push({ id, status: 'NEGOTIATING', version: 1, busy: false });
  }

  private takeFreshEdit(): void {
    const id = this.options.editPool.shift();
    if (id !== undefined) this.edits.push({ id, status: 'NEGOTIATING', version: 1, busy: false });
  }

  private retire(list: Tracked[], agreement: Tracked, replace: () => void): void {
    list.splice(list.indexOf(agreement), 1);
    replace();
  }

  private instance(): Instance | undefined {
    const up = this.options.instances().filter((instance) => instance.up);
    return up.length ? up[this.next++ % up.length] : undefined;
  }

  /** One write of a kind drawn at random; returns at once (the write runs in the background). */
  tick(): void {
    if (this.inFlight.size >= 40) return;
    const draw = this.options.random();
    const work = draw < 0.5 ? this.transition() : draw < 0.75 ? this.edit() : this.addEvent();
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /**
   * After the traffic: one signing of a fresh agreement, so that the log's last event is one that
   * every live query reads (a timeline addition touches neither `stats` nor the agreement lists).
   */
  async finalSigning(): Promise<void> {
    const before = this.active.length;
    this.takeFresh();
    if (this.active.length > before) await this.transition(this.active.at(-1));
  }

  private async transition(signing?: Tracked): Promise<void> {
    const agreement = signing ?? this.active.find((candidate) => !candidate.busy);
    const instance = this.instance();
    if (!agreement || !instance) return;
    agreement.busy = true;
    const to = signing
      ? 'SIGNED'
      : agreement.status === 'STALLED'
        ? 'NEGOTIATING'
        : agreement.version >= 5 && this.options.random() < 0.5
          ? 'SIGNED'
          : 'STALLED';
    const input = {
      id: globalId('Agreement', agreement.id),
      to,
      expectedVersion: agreement.version,
      effectiveDate: '2025-06-01',
      sources: ['https://example.org/soak'],
    };
    // Now and then two clients send the same transition at once, to two instances: one wins.
    const race = !signing && this.options.random() < 0.15 ? ++this.races : undefined;
    const targets = race ? [instance, this.instance() ?? instance] : [instance];
    const answers = await Promise.all(
      targets.map(async (target) => {
        const at = Date.now();
        const answer = await send(
          target,
          this.options.token,
          TRANSITION,
          { input },
          'transitionAgreement',
          'AgreementStatusChange',
        );
        this.writes.push({
          kind: 'transition',
          at,
          instance: target.name,
          outcome: answer.outcome,
          answer: answer.typename,
          agreementId: agreement.id,
          expectedVersion: agreement.version,
          sequence: answer.data?.sequence as number | undefined,
          version: answer.data?.version as number | undefined,
          race,
        });
        return answer;
      }),
    );
    agreement.busy = false;
    const won = answers.find((answer) => answer.outcome === 'acked');
    const clean = answers.every(
      (answer) => answer.outcome === 'acked' || (race && answer.typename === 'VersionConflictError'),
    );
    if (won && clean && answers.filter((answer) => answer.outcome === 'acked').length === 1) {
      agreement.version = won.data!.version as number;
      if (to === 'SIGNED') this.retire(this.active, agreement, () => this.takeFresh());
      else agreement.status = to as Tracked['status'];
    } else {
      this.retire(this.active, agreement, () => this.takeFresh());
    }
  }

  private async edit(): Promise<void> {
    const agreement = this.edits.find((candidate) => !candidate.busy);
    const instance = this.instance();
    if (!agreement || !instance) return;
    agreement.busy = true;
    const tag = `soak ${this.options.runId} edit ${++this.serial}`;
    const input = { id: globalId('Agreement', agreement.id), expectedVersion: agreement.version, notes: tag };
    const at = Date.now();
    const answer = await send(instance, this.options.token, EDIT, { input }, 'updateAgreement', 'AgreementPayload');
    this.writes.push({
      kind: 'edit',
      at,
      instance: instance.name,
      outcome: answer.outcome,
      answer: answer.typename,
      agreementId: agreement.id,
      expectedVersion: agreement.version,
      tag,
    });
    agreement.busy = false;
    if (answer.outcome === 'acked') agreement.version++;
    else this.retire(this.edits, agreement, () => this.takeFreshEdit());
  }

  private async addEvent(): Promise<void> {
    const instance = this.instance();
    if (!instance) return;
    const tag = `soak ${this.options.runId} timeline ${++this.serial}`;
    const input = {
      kind: pick(this.options.random, ['NEGOTIATION', 'STATEMENT'] as const),
      occurredOn: '2025-05-01',
      title: tag,
      sources: ['https://example.org/soak'],
      partnerCodes: [pick(this.options.random, this.options.partnerCodes)],
    };
    const at = Date.now();
    const answer = await send(
      instance,
      this.options.token,
      ADD_EVENT,
      { input },
      'addTimelineEvent',
      'AddTimelineEventPayload',
    );
    this.writes.push({
      kind: 'timeline',
      at,
      instance: instance.name,
      outcome: answer.outcome,
      answer: answer.typename,
      tag,
    });
  }
}

/** Readers: one benchmark query per tick, to the next instance that is up. */
export class Readers {
  readonly reads: ReadRecord[] = [];
  private next = 0;
  private inFlight = 0;

  constructor(private readonly instances: () => Instance[]) {}

  tick(): void {
    const up = this.instances().filter((instance) => instance.up);
    if (!up.length || this.inFlight >= 30) return;
    const instance = up[this.next++ % up.length]!;
    const request = Object.values(oursQueries)[this.next % Object.values(oursQueries).length]!;
    const at = Date.now();
    this.inFlight++;
    void post(Number(new URL(instance.url).port), '', JSON.stringify(request), REQUEST_TIMEOUT_MS)
      .then(
        (response) => response.status === 200 && !response.text.includes('"errors"'),
        () => false,
      )
      .then((ok) => {
        this.inFlight--;
        this.reads.push({ at, ms: Date.now() - at, ok });
      });
  }
}
