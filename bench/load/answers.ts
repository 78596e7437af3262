/**
 * Brings the servers' answers to one form, so the run can check that they return the same rows:
 * PostGraphile's generated names become ours, its join-table wrappers and `nodes` lists are
 * unwrapped, its aliased batch of lookups becomes our `nodes` list, and global ids (ours: base64
 * "Type:id"; PostGraphile: base64 '["Type",id]') become "Type:id". Keys are sorted, so field
 * order does not matter.
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

/** A PostGraphile join row selected only for the row it links to: that row is the node. */
const JOIN_TARGETS = new Set(['timelineEventByEventId', 'agreementByAgreementId', 'partnerByPartnerCode']);
/** PostGraphile's aliases for one lookup per id (bench/queries.ts, q13). */
const BATCH_ALIAS = /^n\d+$/;

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && JOIN_TARGETS.has(entries[0]![0])) return normalize(entries[0]![1]);
  // A list PostGraphile gives as a connection's `nodes`, where ours is a plain list.
  if (entries.length === 1 && entries[0]![0] === 'nodes') return normalize(entries[0]![1]);
  if (entries.length > 0 && entries.every(([key]) => BATCH_ALIAS.test(key))) {
    return { nodes: entries.map(([, node]) => normalize(node)) };
  }
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
  const data = (JSON.parse(body) as { data?: Record<string, unknown> }).data;
  // Ours answers a batch as `{ nodes: [...] }`, a single-key object the `nodes` rule must not unwrap.
  if (data && Object.keys(data).length === 1 && Array.isArray(data.nodes)) {
    return JSON.stringify({ nodes: normalize(data.nodes) });
  }
  return JSON.stringify(normalize(data));
}
