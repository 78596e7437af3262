import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ConfigError } from '../../config';

/**
 * The operations a client may run when PERSISTED_OPERATIONS_ONLY is on: a committed JSON manifest
 * mapping the SHA-256 (hex) of each document to the document, built by
 * `npm run persisted-operations`. Clients send `extensions.persistedQuery.sha256Hash` (Apollo's
 * format) and no `query`.
 */
export class PersistedOperations {
  private constructor(private readonly documents: ReadonlyMap<string, string>) {}

  static fromFile(file: string): PersistedOperations {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`PERSISTED_OPERATIONS_FILE ${file} could not be read: ${(error as Error).message}`);
    }
    return PersistedOperations.fromManifest(manifest, file);
  }

  static fromManifest(manifest: unknown, origin = 'the manifest'): PersistedOperations {
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
      throw new ConfigError(`${origin} must be a JSON object of "<sha256>": "<document>"`);
    }
    const documents = new Map<string, string>();
    for (const [hash, document] of Object.entries(manifest)) {
      if (typeof document !== 'string' || sha256(document) !== hash) {
        throw new ConfigError(`${origin}: the entry ${hash.slice(0, 16)}… is not the SHA-256 of its document`);
      }
      documents.set(hash, document);
    }
    return new PersistedOperations(documents);
  }

  get size(): number {
    return this.documents.size;
  }

  get(hash: string): string | undefined {
    return this.documents.get(hash);
  }

  /** Every document in the manifest (their operation names are metric labels from the start). */
  texts(): IterableIterator<string> {
    return this.documents.values();
  }

  /** The document a request names, or the error to answer it with (shared by HTTP and WebSocket). */
  resolve(params: { query?: unknown; extensions?: unknown }): string | GraphQLError {
    if (typeof params.query === 'string' && params.query !== '') return persistedError('persistedQueryOnly');
    const hash = persistedHash(params.extensions);
    if (!hash) return persistedError('keyNotFound');
    return this.documents.get(hash) ?? persistedError('notFound');
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function persistedHash(extensions: unknown): string | null {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null)
    ?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

const PERSISTED_ERRORS = {
  persistedQueryOnly: [
    'only persisted operations may run here: send extensions.persistedQuery, not a query',
    'PERSISTED_QUERY_ONLY',
  ],
  keyNotFound: ['send extensions.persistedQuery { version: 1, sha256Hash }', 'PERSISTED_QUERY_ID_REQUIRED'],
  notFound: ['no persisted operation has this sha256Hash', 'PERSISTED_QUERY_NOT_FOUND'],
} as const;

function persistedError(kind: keyof typeof PERSISTED_ERRORS): GraphQLError {
  const [message, code] = PERSISTED_ERRORS[kind];
  return new GraphQLError(message, { extensions: { code, http: { spec: true, status: 400 } } });
}

/** HTTP only: the WebSocket server resolves documents itself, with `resolve`. */
export function usePersistedOperationsOnly(persisted: PersistedOperations): Plugin {
  const custom = (kind: keyof typeof PERSISTED_ERRORS) => () => persistedError(kind);
  return usePersistedOperations({
    getPersistedOperation: (hash) => persisted.get(hash) ?? null,
    allowArbitraryOperations: false,
    customErrors: {
      persistedQueryOnly: custom('persistedQueryOnly'),
      keyNotFound: custom('keyNotFound'),
      notFound: custom('notFound'),
    },
  });
}
