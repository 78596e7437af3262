/**
 * Queries run through graphql-jit, which compiles each document once into plain JavaScript: no
 * per-field walk of the AST, argument coercion or completion dispatch on every request, which is
 * most of the executor's cost on a page of a few hundred objects. Mutations and subscriptions keep
 * yoga's executor, as does any document graphql-jit cannot compile.
 *
 * Variables are checked first with yoga's executor's own coercion (@graphql-tools/executor); when
 * they do not fit, that executor runs the request, so a bad variable fails exactly as it does
 * without the JIT: same errors, same messages, same status.
 */
import { getVariableValues } from '@graphql-tools/executor';
import { type DocumentNode, type ExecutionArgs, getOperationAST, type VariableDefinitionNode } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

interface Compiled {
  readonly query: CompiledQuery;
  readonly variables: readonly VariableDefinitionNode[];
}

export function useQueryJit(): Plugin {
  // Per parsed document (yoga caches those per query text) and operation name. null: not a query
  // (or not one operation), or not compilable; the usual executor runs it and reports why.
  const cache = new WeakMap<DocumentNode, Map<string, Compiled | null>>();

  const compiledFor = (args: ExecutionArgs): Compiled | null => {
    let byOperation = cache.get(args.document);
    if (!byOperation) cache.set(args.document, (byOperation = new Map()));
    const name = args.operationName ?? '';
    let compiled = byOperation.get(name);
    if (compiled === undefined) {
      compiled = null;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation === 'query') {
        const query = compileQuery(args.schema, args.document, name || undefined);
        if (isCompiledQuery(query)) compiled = { query, variables: operation.variableDefinitions ?? [] };
      }
      byOperation.set(name, compiled);
    }
    return compiled;
  };

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const compiled = compiledFor(args);
      if (!compiled) return;
      setExecuteFn((executionArgs) => {
        const { schema, rootValue, contextValue, variableValues } = executionArgs;
        // Bad variables: the usual executor answers, with its errors and its 400.
        if (
          compiled.variables.length > 0 &&
          getVariableValues(schema, compiled.variables, variableValues ?? {}, { maxErrors: 50 }).errors
        ) {
          return executeFn(executionArgs);
        }
        return compiled.query.query(rootValue, contextValue, variableValues);
      });
    },
  };
}
