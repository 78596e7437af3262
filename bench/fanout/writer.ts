/**
 * The fan-out benchmark's writes, through the real mutations over HTTP with an editor token:
 * agreements created before anyone listens, then signed one by one.
 */
import { SignJWT } from 'jose';
import { postGraphQL } from '../lib/http';

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

/** One POST on a connection of its own (bench/lib/http.ts says why). */
export const post = (port: number, token: string, body: string, timeoutMs = 0) =>
  postGraphQL(port, body, { token, agent: false, timeoutMs });

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
