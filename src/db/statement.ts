import { type Compilable, type CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';

/** Stands for an argument inside a statement's compiled parameters until it runs. */
class Placeholder {
  constructor(readonly name: string) {}
}

const checked = new WeakSet<object>();

/**
 * Statements rely on Kysely handing a `sql.val()` value through its plugins and compiler to
 * CompiledQuery.parameters as the very object given, which it does but does not promise. Checked
 * once per database (its plugins take part) on its first statement: were a copy to arrive instead,
 * each Placeholder would be sent to PostgreSQL as a value.
 */
function checkCompilePath(db: Kysely<any>): void {
  if (checked.has(db)) return;
  const probe = new Placeholder('probe');
  const { parameters } = sql`select ${sql.val(probe)}`.compile(db);
  if (parameters.length !== 1 || parameters[0] !== probe) {
    throw new Error(
      'kysely no longer passes a sql.val() value to CompiledQuery.parameters as the object given; db/statement.ts binds statement arguments through it',
    );
  }
  checked.add(db);
}

/**
 * Shapes kept per statement. They come from the selections (and, for list pages, the filters) of
 * queries, which are few; past the cap a shape is compiled each time, as if there were no cache.
 */
const MAX_SHAPES = 100;

/** Stands for argument `name` in a statement's SQL; its value is bound when the statement runs. */
export type Arg<Args> = <K extends keyof Args & string>(name: K) => RawBuilder<Args[K]>;

/**
 * A statement built and compiled on first use, then run with new arguments each time. For the
 * small queries that run most (loaders by id), Kysely's building, plugin transform and compiling
 * cost more CPU than the round trip; and one SQL text per statement (lists passed as arrays, not
 * `in ($1, …, $n)`) lets the connection keep one prepared statement for it.
 *
 * A statement may have a `shape` (which columns to select, say) that changes its SQL: it is then
 * compiled once per shape, named by `keyOf`; a shape `keyOf` gives no name is compiled each time.
 *
 * Every database here is PostgreSQL or PGlite with the same plugins, so the SQL compiled with
 * whichever runs it first fits them all.
 */
export function statement<Args extends Record<string, unknown>, Row, Shape = undefined>(
  build: (db: Kysely<any>, arg: Arg<Args>, shape: Shape) => Compilable<Row> | RawBuilder<Row>,
  keyOf: (shape: Shape) => string | undefined = () => '',
): (db: Kysely<any>, args: Args, shape?: Shape) => Promise<Row[]> {
  const compiled = new Map<string, CompiledQuery<Row>>();
  const arg: Arg<Args> = (name) => sql.val(new Placeholder(name)) as RawBuilder<never>;
  return async (db, args, shape) => {
    const key = keyOf(shape as Shape);
    let query = key === undefined ? undefined : compiled.get(key);
    if (!query) {
      checkCompilePath(db);
      const built = build(db, arg, shape as Shape);
      // A raw statement is compiled against the database (its plugins); a query builder knows its own.
      query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      if (key !== undefined && compiled.size < MAX_SHAPES) compiled.set(key, query);
    }
    const parameters = query.parameters.map((value) => (value instanceof Placeholder ? args[value.name] : value));
    const { rows } = await db.executeQuery<Row>({ ...query, parameters });
    return rows;
  };
}

/**
 * A statement by a list of keys, bound as one array parameter (`any($1)`), so every list length
 * shares one SQL text; an empty list is answered without a round trip.
 */
export function keyedStatement<Key, Row>(
  build: (db: Kysely<any>, keys: RawBuilder<readonly Key[]>) => Compilable<Row>,
): (db: Kysely<any>, keys: readonly Key[]) => Promise<Row[]> {
  const run = statement<{ keys: readonly Key[] }, Row>((db, arg) => build(db, arg('keys')));
  return (db, keys) => (keys.length === 0 ? Promise.resolve([]) : run(db, { keys }));
}
