/**
 * GraphiQL at GET /graphql (a browser asking for HTML). @graphql-yoga/render-graphiql inlines
 * GraphiQL's scripts, styles and Monaco workers in the page: about 9 MB. So the page is rendered
 * once, gzipped once, and served with an ETag and `no-cache`: a browser downloads it compressed
 * the first time and revalidates it with a 304 afterwards. It opens on three example tabs.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type GraphiQLOptions, type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';
import { acceptsGzip } from './compression';

const DASHBOARD = `# The dashboard's numbers, the first agreements and the latest timeline events.
# Run with ▶; open the other tabs for a signing and a subscription.
query Dashboard {
  stats {
    totals { partners agreements countedInOfficialList }
    byStatus { status count }
  }
  agreements(first: 10, orderBy: { field: SIGNED_ON, direction: DESC }) {
    edges { node { id title status signedOn partner { code name } } }
    pageInfo { hasNextPage endCursor }
  }
  timeline(first: 5, orderBy: { direction: DESC }) {
    edges { node { occurredOn kind title } }
  }
}
`;

const SIGN = `# Sign an agreement: needs a token with role editor (npm run -s token -- editor) in Headers,
# an agreement id and the version you read (query { agreements(filter: { status: [NEGOTIATING] }) ... }).
mutation Sign($id: ID!, $version: Int!) {
  transitionAgreement(input: { id: $id, to: SIGNED, expectedVersion: $version, effectiveDate: "2024-06-13" }) {
    __typename
    ... on AgreementStatusChange { cursor agreement { title status signedOn version } }
    ... on InvalidTransitionError { from to allowed }
    ... on Error { message code }
  }
}
`;

const SUBSCRIBE = `# Every signing from now on (sign one in the other tab). Pass "after" with a cursor you
# received to replay what was signed since, then continue live.
subscription Signings($after: String) {
  agreementSigned(after: $after) {
    cursor
    effectiveDate
    agreement { title partner { name } }
  }
}
`;

export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: 'Ukraine security agreements',
  subscriptionsProtocol: 'WS',
  defaultTabs: [
    { query: DASHBOARD },
    { query: SIGN, variables: '{ "id": "", "version": 1 }', headers: '{ "authorization": "Bearer <token>" }' },
    { query: SUBSCRIBE, variables: '{ "after": null }' },
  ],
};

interface Page {
  html: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  etag: string;
}

export function useGraphiQLPage(endpoint: string): Plugin {
  let page: Page | undefined;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint || !shouldRenderGraphiQL(request)) return;
      page ??= render(endpoint);
      const gzipped = acceptsGzip(request.headers.get('accept-encoding'));
      const headers: Record<string, string> = {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        etag: page.etag,
        vary: 'Accept-Encoding',
      };
      if (request.headers.get('if-none-match') === page.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      if (gzipped) headers['content-encoding'] = 'gzip';
      endResponse(new fetchAPI.Response(gzipped ? page.gzipped : page.html, { headers }));
    },
  };
}

function render(endpoint: string): Page {
  const html = new Uint8Array(Buffer.from(renderGraphiQL({ ...GRAPHIQL_OPTIONS, endpoint })));
  return {
    html,
    gzipped: new Uint8Array(gzipSync(html)),
    etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
  };
}
