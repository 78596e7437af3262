/**
 * The fan-out benchmark's floor (FANOUT_TARGET=floor): what delivering one event to every socket
 * costs on this machine with `ws` and nothing else. It speaks just enough graphql-transport-ws
 * (ack, remember the subscription id) and answers the benchmark's queries and mutations with
 * canned data; each signing is answered at once and then sent to every socket as one pre-built
 * payload, spliced into each socket's `next` message. No GraphQL execution, database or bus.
 *
 * FLOOR_WORKERS=N spreads the sockets over N node:cluster workers sharing the port: a signing
 * that reaches one worker is relayed through the primary to all of them (as instances of the app
 * relay through PostgreSQL's NOTIFY), and each writes to its own sockets. It shows whether more
 * processes would bring the last delivery sooner on this machine.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

interface Signed {
  cursor: string;
  agreementId: string;
}

const port = Number(process.env.PORT);
const workers = Number(process.env.FLOOR_WORKERS || 0);

if (workers > 0 && cluster.isPrimary) {
  const forked = Array.from({ length: workers }, () => cluster.fork());
  for (const worker of forked) {
    worker.on('message', (signed: Signed) => {
      for (const each of forked) each.send(signed);
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const worker of forked) worker.kill(signal);
      cluster.once('exit', () => process.exit(0));
    });
  }
} else {
  serve();
}

function serve(): void {
  const subscriptions = new Map<WebSocket, string>();
  // Unique across workers: worker k of N numbers its signings k, k + N, k + 2N, …
  const step = Math.max(workers, 1);
  let sequence = (cluster.worker?.id ?? 1) - 1;
  let nextAgreement = 1;

  const broadcast = ({ cursor, agreementId }: Signed) => {
    const payload = JSON.stringify({
      data: { agreementSigned: { cursor, agreement: { id: agreementId, status: 'SIGNED' } } },
    });
    for (const [socket, id] of subscriptions)
      socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
  };
  const signed = (event: Signed) => {
    if (cluster.isWorker) process.send!(event);
    else setImmediate(() => broadcast(event));
  };
  if (cluster.isWorker) process.on('message', broadcast);

  const server = createServer((request, response) => {
    if (request.method === 'GET' && (request.url === '/ready' || request.url === '/health')) {
      response.end('{}');
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables?: { input?: { id?: string } } };
      const answer = (data: unknown) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data }));
      };
      if (query.includes('transitionAgreement')) {
        sequence += step;
        const cursor = String(sequence);
        answer({ transitionAgreement: { __typename: 'AgreementStatusChange', cursor } });
        signed({ cursor, agreementId: variables?.input?.id ?? '' });
      } else if (query.includes('createAgreement')) {
        // Ids need not be unique across workers: the floor never looks them up.
        const id = String(nextAgreement++);
        answer({ createAgreement: { __typename: 'AgreementPayload', agreement: { id, version: 1 } } });
      } else if (query.includes('partners')) {
        answer({ partners: { edges: [{ node: { code: 'GB' } }] } });
      } else {
        response.statusCode = 400;
        response.end('{"errors":[{"message":"the floor server answers only the benchmark\'s operations"}]}');
      }
    });
  });

  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  wsServer.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: string };
      if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
      else if (message.type === 'subscribe') subscriptions.set(socket, message.id!);
      else if (message.type === 'complete') subscriptions.delete(socket);
    });
    socket.once('close', () => subscriptions.delete(socket));
  });

  server.listen(port, '127.0.0.1');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const socket of wsServer.clients) socket.terminate();
      server.close(() => process.exit(0));
    });
  }
}
