import { type ExecutionResult, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { mapSingleResults } from './single-results';

const SUGGESTION = /\s*Did you mean .*$/s;

function hideSuggestions<T extends { message: string }>(errors: readonly T[]): T[] {
  for (const error of errors) if (SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '');
  return [...errors];
}

/**
 * With introspection off (production by default), `__schema`/`__type` are refused and no error
 * message suggests field, argument, type or enum names ("Did you mean ..."), which would let a
 * client map the schema anyway. Covers validation errors and variable coercion errors (execute).
 */
export function useSchemaPrivacy(introspection: boolean): Plugin {
  if (introspection) return {};
  const scrub = (result: ExecutionResult) =>
    result.errors?.length ? { ...result, errors: hideSuggestions(result.errors) } : result;
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(hideSuggestions(result));
      };
    },
    ...mapSingleResults(scrub),
  };
}
