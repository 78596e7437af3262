import type { Plugin } from 'graphql-yoga';

/**
 * Gives each SSE event an `id:` line carrying the event's cursor, so an EventSource that
 * reconnects sends it back as Last-Event-ID and resumes right after it (see events.schema.ts).
 * Yoga frames an SSE event as `data: <stringify(result)>`; a serializer that appends
 * `\nid: <cursor>` adds the field inside the same event. Other transports ignore `stringify`.
 */
export function useSseEventIds(): Plugin {
  return {
    onSubscribe: () => ({
      onSubscribeResult: () => ({
        onNext: ({ result, setResult }) => {
          const fields = Object.values(result.data ?? {}) as Array<{ cursor?: unknown } | null>;
          const cursor = fields[0]?.cursor;
          if (typeof cursor === 'string' && /^\d+$/.test(cursor)) {
            setResult({ ...result, stringify: (value: unknown) => `${JSON.stringify(value)}\nid: ${cursor}` } as typeof result);
          }
        },
      }),
    }),
  };
}
