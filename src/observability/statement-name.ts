/**
 * Statement names for metrics and spans: bounded by the schema's tables, never the SQL text itself.
 */

/** Names a statement by what it does and to which table ("select agreements", "insert event_log", "begin"). */
export function statementName(sql: string): string {
  const verb = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? 'unknown';
  const table = (pattern: RegExp) => pattern.exec(sql)?.[1]?.toLowerCase();
  switch (verb) {
    case 'with': {
      // A statement that writes through a CTE is named by its write (the log append: "insert event_log").
      const write = /\b(insert\s+into|(?<!for\s+)update|delete\s+from)\s+"?([a-z_][a-z0-9_]*)/i.exec(sql);
      if (write) return `${write[1]!.split(/\s+/)[0]!.toLowerCase()} ${write[2]!.toLowerCase()}`;
      return statementName(sql.replace(/^\s*with\b/i, 'select'));
    }
    case 'select': {
      const name = table(/\bfrom\s+"?([a-z_][a-z0-9_]*)/i) ?? table(/^\s*select\s+([a-z_][a-z0-9_]*)\s*\(/i);
      return name ? `select ${name}` : 'select';
    }
    case 'insert':
      return `insert ${table(/^\s*insert\s+into\s+"?([a-z_][a-z0-9_]*)/i) ?? ''}`.trim();
    case 'update':
      return `update ${table(/^\s*update\s+"?([a-z_][a-z0-9_]*)/i) ?? ''}`.trim();
    case 'delete':
      return `delete ${table(/^\s*delete\s+from\s+"?([a-z_][a-z0-9_]*)/i) ?? ''}`.trim();
    default:
      return verb;
  }
}
