/**
 * The fan-out benchmark's writes, through the real mutations over HTTP with an editor token:
 * agreements created before anyone listens, then signed one by one.
 */
import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';

/** An editor token for the server started with `secret`, valid for the run. */
export const editorToken = (secret: string) =>
  new SignJWT({ role: 'editor' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('fanout-bench')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));

export interface Writer {
  port: number;
  token: string;
}

/**
 * One POST on a connection of its own: a kept-alive connection can be closed by the server's idle
 * timeout just as it is reused (undici then fails with "fetch failed"), and a mutation cannot be
 * retried blindly.
 */
export function post(
  port: number,
  token: string,
  body: string,
  timeoutMs = 0,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
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
    // A request that hangs (a partitioned server) fails instead; 0 waits as long as it takes.
    if (timeoutMs > 0)
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.end(body);
  });
}

async function graphql<T>(writer: Writer, text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await post(writer.port, writer.token, JSON.stringify({ query: text, variables }));
  let body: { data?: T; errors?: unknown };
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    throw new Error(`GraphQL request failed (${response.status}): ${response.text.slice(0, 500)}`);
  }
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`GraphQL request failed (${response.status}): ${response.text.slice(0, 500)}`);
  }
  return body.data;
}

export interface Draft {
  id: string;
  version: number;
}

export async function createDrafts(writer: Writer, count: number, label: string): Promise<Draft[]> {
  const { partners } = await graphql<{ partners: { edges: Array<{ node: { code: string } }> } }>(
    writer,
    'query FanOutPartners { partners(first: 50) { edges { node { code } } } }',
  );
  const codes = partners.edges.map((edge) => edge.node.code);
  if (codes.length === 0) throw new Error('no partners: the seed did not load');
  const drafts: Draft[] = [];
  for (let i = 0; i < count; i += 1) {
    const data = await graphql<{
      createAgreement: { __typename: string; message?: string; agreement?: Draft };
    }>(
      writer,
      `mutation FanOutCreate($input: CreateAgreementInput!) {
        createAgreement(input: $input) {
          __typename
          ... on AgreementPayload { agreement { id version } }
          ... on Error { message }
        }
      }`,
      { input: { partnerCode: codes[i % codes.length], title: `Fan-out benchmark ${label} #${i + 1}` } },
    );
    if (!data.createAgreement.agreement) throw new Error(`createAgreement: ${JSON.stringify(data.createAgreement)}`);
    drafts.push(data.createAgreement.agreement);
  }
  return drafts;
}

/** Signs one draft; returns its event cursor and the times around the round trip. */
export async function sign(
  writer: Writer,
  draft: Draft,
): Promise<{ cursor: string; sentAt: number; committedAt: number }> {
  const sentAt = Date.now();
  const data = await graphql<{ transitionAgreement: { __typename: string; cursor?: string; message?: string } }>(
    writer,
    `mutation FanOutSign($input: TransitionAgreementInput!) {
      transitionAgreement(input: $input) {
        __typename
        ... on AgreementStatusChange { cursor }
        ... on Error { message }
      }
    }`,
    {
      input: {
        id: draft.id,
        to: 'SIGNED',
        expectedVersion: draft.version,
        effectiveDate: new Date().toISOString().slice(0, 10),
      },
    },
  );
  const committedAt = Date.now();
  const cursor = data.transitionAgreement.cursor;
  if (!cursor) throw new Error(`transitionAgreement: ${JSON.stringify(data.transitionAgreement)}`);
  return { cursor, sentAt, committedAt };
}
