import { BREAK, type DocumentNode, type ExecutionArgs, GraphQLError, visit } from 'graphql';

/** PostgreSQL text cannot hold U+0000: refused at the boundary, before it reaches a query. */
export function nulRefusal(args: ExecutionArgs): GraphQLError | undefined {
  if (!containsNul(args.variableValues) && !documentContainsNul(args.document)) return undefined;
  return new GraphQLError('strings may not contain the NUL character (U+0000)', {
    extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
  });
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}

const nulInDocument = new WeakMap<DocumentNode, boolean>();

function documentContainsNul(document: DocumentNode): boolean {
  let found = nulInDocument.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes('\u0000')) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    nulInDocument.set(document, found);
  }
  return found;
}
