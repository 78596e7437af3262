import type { Kysely, Transaction } from 'kysely';
import type { LimitsConfig } from '../../config';
import { rethrowAsInputError } from '../../db/constraint-errors';
import type { Membership } from '../../db/enums';
import type { DB, PartnerRow } from '../../db/types';
import { InvalidInputError, NotFoundError } from '../../errors';
import { appendEvents } from '../../events/event-log.repository';
import { currentTraceParent } from '../../observability/trace-context';
import { type Connection, toConnection } from '../../pagination/connection';
import { type PageArgs, pageWindow } from '../../pagination/page-window';
import { checkAsOf, stampAsOf } from '../history/history.service';
import { checkLength, checkName } from '../shared/validation';
import {
  countPartners,
  findPartnersByCodes,
  insertPartner,
  listPartners,
  type PartnerFilter,
  type PartnerOrderField,
  partnerSortKey,
  updatePartner,
} from './partner.repository';

export interface PartnerOrder {
  field: PartnerOrderField;
  direction: 'asc' | 'desc';
}

function toColumns(input: PartnerInput) {
  checkName('name', input.name, 200);
  checkLength('notes', input.notes, 5000);
  const columns: Partial<Pick<PartnerRow, 'name' | 'kind' | 'memberships' | 'membershipsAsOf' | 'notes' | 'sources'>> =
    {};
  if (input.name != null) columns.name = input.name;
  if (input.kind != null) columns.kind = input.kind;
  if (input.memberships != null) columns.memberships = [...new Set(input.memberships)];
  if (input.membershipsAsOf !== undefined) columns.membershipsAsOf = input.membershipsAsOf;
  if (input.notes !== undefined) columns.notes = input.notes;
  if (input.sources != null) columns.sources = [...new Set(input.sources)];
  return columns;
}

/** The log's announcement of a created or edited partner, for live queries that read it. */
async function announceChange(trx: Transaction<DB>, partnerCode: string): Promise<void> {
  await appendEvents(
    trx,
    [{ topic: 'PARTNER_CHANGED', agreementId: null, timelineEventId: null, payload: { partnerCode } }],
    currentTraceParent(),
  );
}

export class PartnerService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: LimitsConfig,
  ) {}

  /**
   * `properties`: the row properties the caller reads (rows hold only those and the keys); all when
   * absent. `asOf`: the partners on record at the end of that day (see history.repository.ts).
   */
  async list(
    filter: PartnerFilter,
    order: PartnerOrder,
    args: PageArgs,
    properties?: readonly string[],
    asOf?: string | null,
  ): Promise<Connection<PartnerRow>> {
    const key = partnerSortKey(order.field, order.direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    checkLength('filter.search', filter.search, 200);
    const day = checkAsOf(asOf);
    const rows = stampAsOf(await listPartners(this.db, filter, key, window, properties, day), day);
    return toConnection(rows, key, window, () => countPartners(this.db, filter, day));
  }

  byCodes(codes: readonly string[]): Promise<PartnerRow[]> {
    return findPartnersByCodes(this.db, codes);
  }

  /** One partner; with `asOf`, only if it was on record at the end of that day. */
  async byCode(code: string, asOf?: string | null): Promise<PartnerRow | undefined> {
    const day = checkAsOf(asOf);
    return stampAsOf(await findPartnersByCodes(this.db, [code], day), day)[0];
  }

  async create(code: string, input: PartnerInput & { name: string; kind: PartnerRow['kind'] }): Promise<PartnerRow> {
    const [existing] = await findPartnersByCodes(this.db, [code]);
    if (existing) throw new InvalidInputError('code', `a partner with code ${code} already exists`);
    const columns = toColumns(input);
    return this.db
      .transaction()
      .execute(async (trx) => {
        const partner = await insertPartner(trx, { code, ...columns, name: input.name, kind: input.kind });
        await announceChange(trx, partner.code);
        return partner;
      })
      .catch((error) => rethrowAsInputError(error, 'input'));
  }

  async update(code: string, input: PartnerInput): Promise<PartnerRow> {
    if (input.name === null) throw new InvalidInputError('name', 'cannot be removed');
    if (input.kind === null) throw new InvalidInputError('kind', 'cannot be removed');
    const columns = toColumns(input);
    const updated = await this.db
      .transaction()
      .execute(async (trx) => {
        const partner = await updatePartner(trx, code, columns);
        if (partner) await announceChange(trx, partner.code);
        return partner;
      })
      .catch((error) => rethrowAsInputError(error, 'input'));
    if (!updated) throw new NotFoundError('Partner', code);
    return updated;
  }

  /** Filters name partners by code; an unknown code is a client mistake worth saying so. */
  async assertExist(field: string, codes: readonly string[]): Promise<void> {
    const unique = [...new Set(codes)];
    const found = new Set((await findPartnersByCodes(this.db, unique)).map((row) => row.code));
    const missing = unique.filter((code) => !found.has(code));
    if (missing.length) throw new InvalidInputError(field, `unknown partner code ${missing.join(', ')}`);
  }
}

export interface PartnerInput {
  name?: string | null | undefined;
  kind?: PartnerRow['kind'] | null | undefined;
  memberships?: readonly Membership[] | null | undefined;
  membershipsAsOf?: string | null | undefined;
  notes?: string | null | undefined;
  sources?: readonly string[] | null | undefined;
}
