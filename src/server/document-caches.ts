import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import { _createLRUCache, type Plugin } from 'graphql-yoga';

interface Validation {
  readonly schema: GraphQLSchema;
  readonly rules: readonly ValidationRule[] | undefined;
  readonly result: readonly Error[];
}

const sameRules = (a: readonly ValidationRule[] | undefined, b: readonly ValidationRule[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((rule, i) => rule === b[i]));

/**
 * Yoga's parse and validation caches (app.ts turns yoga's own off), the same per query text and
 * per parsed document, with the rules a document was validated with compared one by one: yoga keys
 * its validation cache by every rule's name, joined, a string of some 700 characters made and
 * hashed on every request. Listed last among the plugins, where yoga puts its own, so every rule
 * the plugins add is in the list compared.
 */
export function useDocumentCaches(): Plugin {
  const documents = _createLRUCache<DocumentNode>();
  const parseErrors = _createLRUCache<Error>();
  const validations = new WeakMap<DocumentNode, Validation>();
  return {
    onParse({ params, setParsedDocument }) {
      const text = params.source.toString();
      const document = documents.get(text);
      if (document) return setParsedDocument(document);
      const error = parseErrors.get(text);
      if (error) throw error;
      return ({ result }) => {
        if (result instanceof Error) parseErrors.set(text, result);
        else if (result) documents.set(text, result);
      };
    },
    onValidate({ params: { schema, documentAST, rules }, setResult }) {
      const cached = validations.get(documentAST);
      if (cached && cached.schema === schema && sameRules(cached.rules, rules)) return setResult(cached.result);
      return ({ result }) => validations.set(documentAST, { schema, rules, result });
    },
  };
}
