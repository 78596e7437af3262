/**
 * The yoga/envelop plugins that keep hostile input out, one file per rule beside this one, composed
 * here in the order they must run. Everything from useQueryLimits on hooks parse, validate, execute
 * and subscribe, so it applies alike to HTTP, SSE and the WebSocket bridge (which runs operations
 * through yoga.getEnveloped). See README.md ("Security") for the rules and knobs.
 *
 *   HTTP only   CSRF prevention, body size and UTF-8, persisted operations (the bridge does its own),
 *               concurrent SSE streams per address
 *   all         token, depth, alias and directive limits (graphql-armor), cost (cost.ts),
 *               introspection and "Did you mean" hidden in production, write and expensive-read
 *               rate limits
 * Yoga itself refuses batches (`batching` is off) and mutations over GET (405).
 */
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config';
import type { ClientLimits } from './client-limits';
import { useCsrfPrevention } from './csrf';
import { useOperationGuards } from './operation-guards';
import { type PersistedOperations, usePersistedOperationsOnly } from './persisted-operations';
import { useQueryLimits } from './query-limits';
import { useRequestBodies } from './request-bodies';
import { useRequestErrorCodes } from './request-error-codes';
import { useSchemaPrivacy } from './schema-privacy';
import { useStreamCaps } from './stream-caps';

export function securityPlugins(options: {
  limits: LimitsConfig;
  introspection: boolean;
  clients: ClientLimits;
  persisted: PersistedOperations | undefined;
}): Plugin[] {
  return [
    useCsrfPrevention(),
    useRequestBodies(options.limits.maxBodyBytes),
    ...(options.persisted ? [usePersistedOperationsOnly(options.persisted)] : []),
    ...useQueryLimits(options.limits),
    useSchemaPrivacy(options.introspection),
    useRequestErrorCodes(),
    useOperationGuards(options.limits, options.clients),
    useStreamCaps(options.limits, options.clients),
  ];
}
