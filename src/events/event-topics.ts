/**
 * What the event log carries: each topic with the rows it names and its payload, written once.
 * Writers append these shapes (appendEvents takes nothing else), and every row is parsed back into
 * one where the log is read (event-log.repository.ts), so nothing downstream casts a payload.
 */
import {
  AGREEMENT_STATUSES,
  type AgreementStatus,
  type EventTopic,
  isOneOf,
  TIMELINE_EVENT_KINDS,
  type TimelineEventKind,
} from '../db/enums';
import type { EventLogRow } from '../db/types';

/** An agreement moved along the state machine; a SIGNING or STATUS_CHANGE timeline event records it. */
export interface AgreementStatusChanged {
  topic: 'AGREEMENT_STATUS_CHANGED';
  agreementId: number;
  timelineEventId: number;
  payload: {
    partnerCode: string;
    from: AgreementStatus;
    to: AgreementStatus;
    /** 'YYYY-MM-DD': the signing date for SIGNED. */
    effectiveDate: string;
    /** The agreement's version right after the change. */
    version: number;
  };
}

/** A timeline event was recorded: on its own (agreementId null) or by an agreement's transition. */
export interface TimelineEventAdded {
  topic: 'TIMELINE_EVENT_ADDED';
  agreementId: number | null;
  timelineEventId: number;
  /** `agreementIds`: every agreement the event is about (rows written before it was added: none). */
  payload: { kind: TimelineEventKind; partnerCodes: string[]; agreementIds: number[] };
}

/** An agreement was recorded (in NEGOTIATING) or its fields edited; a status change is the topic above. */
export interface AgreementEdited<T extends 'AGREEMENT_CREATED' | 'AGREEMENT_UPDATED'> {
  topic: T;
  agreementId: number;
  timelineEventId: null;
  /** `version`: the agreement's version right after the change. */
  payload: { partnerCode: string; version: number };
}
export type AgreementCreated = AgreementEdited<'AGREEMENT_CREATED'>;
export type AgreementUpdated = AgreementEdited<'AGREEMENT_UPDATED'>;

/** A partner was recorded or edited. */
export interface PartnerChanged {
  topic: 'PARTNER_CHANGED';
  agreementId: null;
  timelineEventId: null;
  payload: { partnerCode: string };
}

export type NewEvent =
  | AgreementStatusChanged
  | TimelineEventAdded
  | AgreementCreated
  | AgreementUpdated
  | PartnerChanged;
export type Topic = NewEvent['topic'];

/** Where and when an event committed; its sequence is also its cursor. */
export interface LogPosition {
  sequence: number;
  createdAt: Date;
  /** The writer's W3C trace context (observability/), so the fan-out continues its trace. */
  traceParent: string | null;
}

export type LogEvent = NewEvent & LogPosition;
export type LogEventOf<T extends Topic> = Extract<LogEvent, { topic: T }>;

/** A row that is not an event of its topic (written by hand, say): skipped, never delivered. */
export interface MalformedEvent {
  sequence: number;
  reason: string;
}

// One parser per topic of the log's CHECK constraint: a topic added there without a payload here
// does not compile.
const parsers: { [T in EventTopic]: (row: EventLogRow) => LogEventOf<T> | string } = {
  AGREEMENT_STATUS_CHANGED: ({ sequence, createdAt, traceParent, agreementId, timelineEventId, payload: p }) => {
    if (agreementId === null || timelineEventId === null) return 'names no agreement or no timeline event';
    if (
      typeof p === 'object' &&
      p !== null &&
      'partnerCode' in p &&
      typeof p.partnerCode === 'string' &&
      'from' in p &&
      isOneOf(AGREEMENT_STATUSES, p.from) &&
      'to' in p &&
      isOneOf(AGREEMENT_STATUSES, p.to) &&
      'effectiveDate' in p &&
      typeof p.effectiveDate === 'string' &&
      'version' in p &&
      typeof p.version === 'number'
    ) {
      const { partnerCode, from, to, effectiveDate, version } = p;
      const payload = { partnerCode, from, to, effectiveDate, version };
      return {
        topic: 'AGREEMENT_STATUS_CHANGED',
        sequence,
        createdAt,
        traceParent,
        agreementId,
        timelineEventId,
        payload,
      };
    }
    return 'payload is not { partnerCode, from, to, effectiveDate, version }';
  },
  TIMELINE_EVENT_ADDED: ({ sequence, createdAt, traceParent, agreementId, timelineEventId, payload: p }) => {
    if (timelineEventId === null) return 'names no timeline event';
    if (typeof p !== 'object' || p === null) return 'payload is not an object';
    // Rows written before the payload named the event's agreements name none.
    const agreementIds = 'agreementIds' in p ? p.agreementIds : [];
    if (
      'kind' in p &&
      isOneOf(TIMELINE_EVENT_KINDS, p.kind) &&
      'partnerCodes' in p &&
      isListOf('string', p.partnerCodes) &&
      isListOf('number', agreementIds)
    ) {
      const payload = { kind: p.kind, partnerCodes: [...p.partnerCodes], agreementIds: [...agreementIds] };
      return { topic: 'TIMELINE_EVENT_ADDED', sequence, createdAt, traceParent, agreementId, timelineEventId, payload };
    }
    return 'payload is not { kind, partnerCodes, agreementIds? }';
  },
  AGREEMENT_CREATED: (row) => parseAgreementEdited('AGREEMENT_CREATED', row),
  AGREEMENT_UPDATED: (row) => parseAgreementEdited('AGREEMENT_UPDATED', row),
  PARTNER_CHANGED: ({ sequence, createdAt, traceParent, payload: p }) => {
    if (typeof p === 'object' && p !== null && 'partnerCode' in p && typeof p.partnerCode === 'string') {
      const payload = { partnerCode: p.partnerCode };
      return {
        topic: 'PARTNER_CHANGED',
        sequence,
        createdAt,
        traceParent,
        agreementId: null,
        timelineEventId: null,
        payload,
      };
    }
    return 'payload is not { partnerCode }';
  },
};

function isListOf<T extends 'string' | 'number'>(
  type: T,
  value: unknown,
): value is (T extends 'string' ? string : number)[] {
  return Array.isArray(value) && value.every((item) => typeof item === type);
}

function parseAgreementEdited<T extends 'AGREEMENT_CREATED' | 'AGREEMENT_UPDATED'>(
  topic: T,
  { sequence, createdAt, traceParent, agreementId, payload: p }: EventLogRow,
): (AgreementEdited<T> & LogPosition) | string {
  if (agreementId === null) return 'names no agreement';
  if (
    typeof p === 'object' &&
    p !== null &&
    'partnerCode' in p &&
    typeof p.partnerCode === 'string' &&
    'version' in p &&
    typeof p.version === 'number'
  ) {
    const payload = { partnerCode: p.partnerCode, version: p.version };
    return { topic, sequence, createdAt, traceParent, agreementId, timelineEventId: null, payload };
  }
  return 'payload is not { partnerCode, version }';
}

/** The event a log row holds, or why it holds none. */
export function parseEvent(row: EventLogRow): LogEvent | MalformedEvent {
  const parsed = parsers[row.topic](row);
  return typeof parsed === 'string' ? { sequence: row.sequence, reason: `${row.topic}: ${parsed}` } : parsed;
}
