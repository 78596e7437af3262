/** One GraphQL POST to a server on this machine, with node:http (no fetch: see `agent`). */
import { type Agent, request as httpRequest } from 'node:http';

export interface PostOptions {
  /** Sent as a bearer token when given. */
  token?: string | undefined;
  /**
   * Kept-alive connections to reuse, or false for a connection of its own: a kept-alive connection
   * can be closed by the server's idle timeout just as it is reused, and a mutation cannot be
   * retried blindly. Undefined: node's default agent.
   */
  agent?: Agent | false | undefined;
  /** A request that hangs (a partitioned server) fails after this long; 0 waits as long as it takes. */
  timeoutMs?: number;
}

export function postGraphQL(
  port: number,
  body: string,
  { token, agent, timeoutMs = 0 }: PostOptions = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (timeoutMs > 0)
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.end(body);
  });
}
