/**
 * A connection's paging arguments, read once: which rows a page holds (the window), checked before
 * any SQL is built.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { InvalidInputError } from '../errors';
import { subfields } from '../schema/selection';
import { type CursorKind, decodeCursor, type Position } from './cursor';

/** The page size a connection returns when neither `first` nor `last` is given (the cost limit assumes it too). */
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  /**
   * Whether to fetch one row past the page, which tells whether another page exists (default
   * true). Only hasNextPage and hasPreviousPage read it; see pageArgs.
   */
  probe?: boolean;
  /**
   * Whether the query may read totalCount, which a list then counts in the statement that reads
   * its page (default false: a total read anyway is counted on its own); see pageArgs.
   */
  count?: boolean;
  /**
   * Whether the query may read the page's rows (edges, nodes or pageInfo; default true). A
   * connection asked only for totalCount reads one row, which carries the total; see pageArgs.
   */
  rows?: boolean;
}

export interface PageWindow {
  readonly limit: number;
  /** One row more than `limit` is fetched, to learn whether another page exists. */
  readonly probe: boolean;
  /** Whether totalCount may be read: the page's statement counts too. */
  readonly count: boolean;
  readonly backward: boolean;
  readonly after: Position | undefined;
  readonly before: Position | undefined;
}

export function pageWindow(args: PageArgs, kind: CursorKind, maxPageSize: number): PageWindow {
  const { first, last } = args;
  if (first != null && last != null) throw new InvalidInputError('first', 'cannot be combined with last');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > maxPageSize)) {
      throw new InvalidInputError(name, `must be between 0 and ${maxPageSize}`);
    }
  }
  const limit = first ?? last ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  return {
    limit: args.rows === false ? Math.min(limit, 1) : limit,
    probe: args.probe ?? true,
    count: args.count ?? false,
    backward: last != null,
    after: args.after != null ? decodeCursor('after', args.after, kind) : undefined,
    before: args.before != null ? decodeCursor('before', args.before, kind) : undefined,
  };
}

const reads = new WeakMap<
  GraphQLResolveInfo['fieldNodes'][number],
  { probe: boolean; count: boolean; rows: boolean }
>();

/**
 * A connection field's paging arguments, with `probe` set to whether the query may read
 * hasNextPage or hasPreviousPage: only those need the row past the page, which costs a row per page
 * and, for nested connections, one per parent. `count`: whether it may read totalCount. `rows`:
 * whether it may read anything else (a connection asked only for its total reads one row).
 */
export function pageArgs<Args extends PageArgs>(
  args: Args,
  info: GraphQLResolveInfo,
): Args & { probe: boolean; count: boolean; rows: boolean } {
  const first = info.fieldNodes[0]!;
  let found = reads.get(first);
  if (found === undefined) {
    const fields = subfields(info.fieldNodes, info.fragments);
    const pageInfo = subfields(
      fields.filter((node) => node.name.value === 'pageInfo'),
      info.fragments,
    );
    found = {
      probe: pageInfo.some((node) => node.name.value === 'hasNextPage' || node.name.value === 'hasPreviousPage'),
      count: fields.some((node) => node.name.value === 'totalCount'),
      rows: fields.some((node) => node.name.value !== 'totalCount' && node.name.value !== '__typename'),
    };
    reads.set(first, found);
  }
  return { ...args, ...found };
}
