/**
 * Counts the SQL statements a server sends, by standing between it and PostgreSQL as a TCP proxy
 * that reads the frontend side of the wire protocol: every simple Query ('Q') and every extended
 * Execute ('E') is one statement. It is exact and immediate, which the alternatives are not here:
 * pg_stat_statements needs shared_preload_libraries (empty on this machine's PostgreSQL), and
 * pg_stat_database's counters reach the view only when a backend flushes, up to 10 s late.
 * The proxy costs latency, so it is used for a separate counting pass, never under load.
 */
import { connect, createServer, type Socket } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export interface StatementCounter {
  readonly port: number;
  /** Statements seen since the proxy started. */
  count(): number;
  close(): Promise<void>;
}

export async function startStatementCounter(target: { host: string; port: number }): Promise<StatementCounter> {
  let statements = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.pipe(client);

    // Until the startup packet, messages carry no type byte; an SSL/GSS request may come first.
    let startup = true;
    let buffered: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      let offset = 0;
      for (;;) {
        if (startup) {
          if (buffered.length - offset < 8) break;
          const length = buffered.readInt32BE(offset);
          if (buffered.length - offset < length) break;
          const code = buffered.readInt32BE(offset + 4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          offset += length;
        } else {
          if (buffered.length - offset < 5) break;
          const type = buffered[offset];
          const length = buffered.readInt32BE(offset + 1);
          if (buffered.length - offset < 1 + length) break;
          if (type === 0x51 /* Q */ || type === 0x45 /* E */) statements += 1;
          offset += 1 + length;
        }
      }
      buffered = buffered.subarray(offset);
    });
    client.on('end', () => upstream.end());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('statement counter has no TCP port');

  return {
    port: address.port,
    count: () => statements,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
