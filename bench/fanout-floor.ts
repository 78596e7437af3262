/**
 * The fan-out benchmark's floor (FANOUT_TARGET=floor): what delivering one event to every socket
 * costs on this machine with `ws` and nothing else. It speaks just enough graphql-transport-ws
 * (ack, remember the subscription id) and answers the benchmark's queries and mutations with
 * canned data; each signing is answered at once and then sent to every socket as one pre-built
 * payload, spliced into each socket's `next` message. No GraphQL execution, database or bus.
 */
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const port = Number(process.env.PORT);
const subscriptions = new Map<WebSocket, string>();
let sequence = 0;
let nextAgreement = 1;

function broadcast(cursor: string, agreementId: string): void {
  const payload = JSON.stringify({
    data: { agreementSigned: { cursor, agreement: { id: agreementId, status: 'SIGNED' } } },
  });
  for (const [socket, id] of subscriptions)
    socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
}

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
      const cursor = String(++sequence);
      answer({ transitionAgreement: { __typename: 'AgreementStatusChange', cursor } });
      setImmediate(() => broadcast(cursor, variables?.input?.id ?? ''));
    } else if (query.includes('createAgreement')) {
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
