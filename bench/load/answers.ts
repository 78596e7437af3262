/**
 * Brings the three servers' answers to one form, so the run can check that they return the same
 * rows: PostGraphile's generated names become ours, its join-table wrapper is unwrapped, and
 * global ids (ours: base64 "Type:id"; PostGraphile: base64 '["Type",id]') become "Type:id".
 * Keys are sorted, so field order does not matter.
 */

const RENAMED: Record<string, string> = {
  allAgreements: 'agreements',
  allPartners: 'partners',
  partnerByPartnerCode: 'partner',
  agreementsByPartnerCode: 'agreements',
  timelineEventAgreementsByAgreementId: 'timeline',
};

function decodeGlobalId(id: string): string {
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  if (decoded.startsWith('[')) {
    const [typeName, key] = JSON.parse(decoded) as [string, unknown];
    return `${typeName}:${String(key)}`;
  }
  return decoded;
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  // A PostGraphile join row selected only for its event: the event is the node.
  if (entries.length === 1 && entries[0]![0] === 'timelineEventByEventId') return normalize(entries[0]![1]);
  const renamed = entries.map(
    ([key, field]) =>
      [
        RENAMED[key] ?? key,
        key === 'id' && typeof field === 'string' ? decodeGlobalId(field) : normalize(field),
      ] as const,
  );
  return Object.fromEntries(renamed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The answer's data in the common form, as a string for comparison. */
export function canonicalAnswer(body: string): string {
  return JSON.stringify(normalize((JSON.parse(body) as { data?: unknown }).data));
}
