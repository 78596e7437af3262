/**
 * Custom scalars. Each rejects a bad value with a GraphQLError that names the scalar, so a bad
 * date or code becomes a validation error before any resolver runs.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function stringScalar(name: string, description: string, check: (value: string) => string | null) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string`);
    const problem = check(value);
    if (problem) throw new GraphQLError(`${name} ${problem}: "${value.slice(0, 100)}"`);
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`, { nodes: ast });
      return parse(ast.value);
    },
  });
}

/** Rejects 2024-02-30 as well as 2024-2-3: the round trip through Date must give the same text. */
function checkDate(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'must be a calendar date YYYY-MM-DD';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'is not a real date';
  return null;
}

export const DateScalar = stringScalar('Date', 'A calendar date, ISO 8601 YYYY-MM-DD (no time, no zone).', checkDate);

function parseDateTime(value: unknown): Date {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be ISO 8601 with a time zone');
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with time zone, e.g. 2024-06-13T10:00:00.000Z.',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { nodes: ast });
    return parseDateTime(ast.value);
  },
});

export const UrlScalar = stringScalar('URL', 'An absolute http(s) URL.', (value) => {
  if (value.length > 2048) return 'is longer than 2048 characters';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must use http or https';
  } catch {
    return 'is not an absolute URL';
  }
});

export const CountryCodeScalar = stringScalar(
  'CountryCode',
  'ISO 3166-1 alpha-2 code in capitals; EU (exceptionally reserved) stands for the European Union.',
  (value) => (/^[A-Z]{2}$/.test(value) ? null : 'must be two capital letters (ISO 3166-1 alpha-2)'),
);
