/**
 * The page's two ways to the API, both on the page's own origin: queries over HTTP (fetch) and
 * subscriptions over graphql-ws, resumed with `after` from the last cursor seen.
 */
import { type Client, createClient } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';

const endpoint = '/graphql';

interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: ReadonlyArray<{ message: string }>;
}

export async function query<Data, Variables>(document: TypedDocumentString<Data, Variables>, variables: Variables) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as GraphQLResponse<Data>;
  if (body.errors?.length || !body.data) {
    throw new Error(body.errors?.map((error) => error.message).join('; ') || `HTTP ${response.status}`);
  }
  return body.data;
}

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** One subscription the connection keeps open, resuming after the last event it delivered. */
export interface Stream<Data> {
  document: TypedDocumentString<Data, { after?: string | null }>;
  cursorOf(event: Data): string;
  onEvent(event: Data): void;
}

export interface Resumable {
  /** The cursor to resume after; undefined until the first event or a snapshot cursor. */
  after: string | undefined;
  open(client: Client, ended: (rejected: boolean) => void): () => void;
}

export function resumable<Data>(stream: Stream<Data>): Resumable {
  const state: Resumable = {
    after: undefined,
    open: (client, ended) =>
      client.subscribe<Data>(
        { query: stream.document.toString(), variables: { after: state.after ?? null } },
        {
          next: ({ data, errors }) => {
            if (errors?.length || !data) return ended(true);
            state.after = stream.cursorOf(data);
            stream.onEvent(data);
          },
          // GraphQL errors (an array) are the server refusing the operation; anything else is the socket going.
          error: (error) => ended(Array.isArray(error)),
          complete: () => ended(false),
        },
      ),
  };
  return state;
}

export interface LiveOptions {
  onState(state: ConnectionState): void;
  /**
   * A (re)connection is up. `gap` is true when events may have been missed: a reconnect, or a
   * stream with no cursor to resume from. The page then re-reads its picture.
   */
  onConnected(gap: boolean): void;
}

/** How long a ping may go unanswered before the socket is taken for dead (a cut network sends no close). */
const PONG_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_MS = 10_000;

/**
 * Keeps the subscriptions open for as long as the page lives: when the socket closes (server
 * restart, network cut, going offline) it reconnects with backoff and resubscribes each stream
 * with `after` = the last cursor it delivered, so the server replays exactly what was missed.
 * graphql-ws's own retry would resubscribe with the variables of the first attempt, hence this loop.
 */
export class LiveConnection {
  private current: Client | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly streams: ReadonlyArray<Resumable>,
    private readonly options: LiveOptions,
  ) {
    addEventListener('offline', () => {
      this.options.onState('offline');
      this.current?.terminate();
    });
    addEventListener('online', () => this.wake?.());
  }

  /** Runs for the page's life, every stream starting after `after` (the snapshot's cursor, when there is one). */
  async run(after: string | undefined): Promise<never> {
    for (const stream of this.streams) stream.after = after;
    let failures = 0;
    for (let reconnect = false; ; reconnect = true) {
      if (!navigator.onLine) await this.sleep(Number.POSITIVE_INFINITY);
      failures = (await this.session(reconnect)) ? 0 : failures + 1;
      this.options.onState(navigator.onLine && failures < 5 ? 'reconnecting' : 'offline');
      // 250 ms, 500 ms, 1 s ... up to 5 s, with jitter so that many pages do not return at once.
      await this.sleep(Math.min(5_000, 250 * 2 ** Math.min(failures, 5)) * (0.8 + Math.random() * 0.4));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      this.wake = done;
    });
  }

  /** One socket's life; resolves when it is gone, telling whether it had worked (connected, nothing refused). */
  private session(reconnect: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      let connected = false;
      let refused = false;
      let ended = false;
      let pongTimer: ReturnType<typeof setTimeout> | undefined;
      const closers: Array<() => void> = [];
      const client = createClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${endpoint}`,
        retryAttempts: 0,
        keepAlive: KEEP_ALIVE_MS,
        on: {
          connected: () => {
            connected = true;
            this.options.onState('live');
            this.options.onConnected(reconnect || this.streams.some((stream) => stream.after === undefined));
          },
          ping: (received) => {
            if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
          },
          pong: (received) => {
            if (received) clearTimeout(pongTimer);
          },
          closed: () => end(),
        },
      });
      this.current = client;
      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(pongTimer);
        for (const close of closers) close();
        void client.dispose();
        resolve(connected && !refused);
      };
      for (const stream of this.streams) {
        closers.push(
          stream.open(client, (rejected) => {
            // Refused (say, a cursor the database no longer has): resume from now; the page
            // re-reads its picture on reconnecting, so only that stream's replay is lost.
            if (rejected) {
              stream.after = undefined;
              refused = true;
            }
            end();
          }),
        );
      }
    });
  }
}
