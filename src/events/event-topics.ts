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
  payload: { kind: TimelineEventKind; partnerCodes: string[] };
}

export type NewEvent = AgreementStatusChanged | TimelineEventAdded;
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
    if (
      typeof p === 'object' &&
      p !== null &&
      'kind' in p &&
      isOneOf(TIMELINE_EVENT_KINDS, p.kind) &&
      'partnerCodes' in p &&
      Array.isArray(p.partnerCodes) &&
      p.partnerCodes.every((code) => typeof code === 'string')
    ) {
      const payload = { kind: p.kind, partnerCodes: p.partnerCodes.map(String) };
      return { topic: 'TIMELINE_EVENT_ADDED', sequence, createdAt, traceParent, agreementId, timelineEventId, payload };
    }
    return 'payload is not { kind, partnerCodes }';
  },
};

/** The event a log row holds, or why it holds none. */
export function parseEvent(row: EventLogRow): LogEvent | MalformedEvent {
  const parsed = parsers[row.topic](row);
  return typeof parsed === 'string' ? { sequence: row.sequence, reason: `${row.topic}: ${parsed}` } : parsed;
}
