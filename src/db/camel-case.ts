import { CamelCasePlugin, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';

type RowMapper = (row: UnknownRow, value: (value: unknown) => unknown) => UnknownRow;

/** Mappers kept, one per distinct column list; queries have few. */
const MAX_MAPPERS = 500;

/**
 * Kysely's CamelCasePlugin, with cheaper row mapping. The plugin renames every column of every row
 * through Array.reduce; but every row of a result has the same columns, so here each column list
 * gets one compiled mapper that builds a row in a single object literal. Values are mapped as the
 * plugin maps them: plain objects inside json columns get camelCase keys too.
 *
 * It builds on the plugin's protected `camelCase`, `snakeCase` and `mapRow`, and must map rows
 * exactly as the plugin's transformResult would: the constructor checks the methods are there,
 * and tests/internals/kysely.test.ts compares the two on the same rows.
 */
export class CamelCaseRowsPlugin extends CamelCasePlugin {
  constructor() {
    super();
    if ([this.camelCase, this.snakeCase, this.mapRow].some((method) => typeof method !== 'function')) {
      throw new Error(
        "kysely's CamelCasePlugin no longer has the camelCase, snakeCase and mapRow methods db/camel-case.ts builds on",
      );
    }
  }

  /** A property's column, as this plugin names it in SQL. */
  columnName(property: string): string {
    return this.snakeCase(property);
  }

  private readonly mappers = new Map<string, RowMapper>();
  private readonly mapValue = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.some(isPlainObject) ? value.map((item) => (isPlainObject(item) ? this.mapRow(item) : item)) : value;
    }
    return isPlainObject(value) ? this.mapRow(value) : value;
  };

  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { rows } = args.result;
    if (!Array.isArray(rows) || rows.length === 0) return args.result;
    const map = this.mapperFor(Object.keys(rows[0]!));
    return { ...args.result, rows: rows.map((row) => map(row, this.mapValue)) };
  }

  private mapperFor(columns: string[]): RowMapper {
    const key = columns.join('\u0000');
    let mapper = this.mappers.get(key);
    if (!mapper) {
      const properties = columns.map(
        (column) => `${JSON.stringify(this.camelCase(column))}: v(r[${JSON.stringify(column)}])`,
      );
      mapper = new Function('r', 'v', `return { ${properties.join(', ')} };`) as RowMapper;
      if (this.mappers.size < MAX_MAPPERS) this.mappers.set(key, mapper);
    }
    return mapper;
  }
}

const naming = new CamelCaseRowsPlugin();
const columnNames = new Map<string, string>();

/** A property's column name as the database knows it (for JSON that fills a row type by name). */
export function columnName(property: string): string {
  let name = columnNames.get(property);
  if (name === undefined) {
    name = naming.columnName(property);
    columnNames.set(property, name);
  }
  return name;
}

/** As Kysely decides it: an object literal (or one without a prototype), not a Date, Buffer or array. */
function isPlainObject(value: unknown): value is UnknownRow {
  if (value === null || typeof value !== 'object' || Object.prototype.toString.call(value) !== '[object Object]') {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
