import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config';

/** A limit the document broke; 400 with application/graphql-response+json, like a validation error. */
export function limitError(limit: string, max: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, http: { spec: true, status: 400 } },
  });
}

/**
 * graphql-armor's token, depth, alias and directive limits. Each follows fragments (depth counts
 * fields, not fragment spreads) and guards against fragment cycles. Rejections are reported as
 * coded validation errors rather than thrown, so the other rules still run and nothing is cached
 * wrongly.
 */
export function useQueryLimits(limits: LimitsConfig): Plugin[] {
  const report =
    (limit: string, max: number): GraphQLArmorRejectCallback =>
    (context, error) =>
      context?.reportError(limitError(limit, max, error.message.replace(/^Syntax Error: /, '')));
  const rejectOnly = { propagateOnRejection: false, exposeLimits: true } as const;
  const rules = [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: [report('maxDepth', limits.maxDepth)],
      ...rejectOnly,
    }),
    maxAliasesRule({ n: limits.maxAliases, onReject: [report('maxAliases', limits.maxAliases)], ...rejectOnly }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      onReject: [report('maxDirectives', limits.maxDirectives)],
      ...rejectOnly,
    }),
  ];
  return [
    maxTokensPlugin({
      n: limits.maxTokens,
      exposeLimits: true,
      // Thrown from inside the parser: the document is never fully read.
      onReject: [
        (_context, error) => {
          throw limitError('maxTokens', limits.maxTokens, error.message.replace(/^Syntax Error: /, ''));
        },
      ],
    }) as Plugin,
    {
      onValidate({ addValidationRule }) {
        for (const rule of rules) addValidationRule(rule);
      },
    },
  ];
}
