/**
 * The fields of an agreement as the seed report states them: the expected signing window with its
 * sources, Croatia's disputed classification, Bulgaria's stalled signing, the negotiations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const AgreementDetails = graphql(`
  query AgreementDetails($filter: AgreementFilter) {
    agreements(first: 100, filter: $filter) {
      edges {
        node {
          reference
          title
          status
          allowedTransitions
          signedOn
          place
          ukraineSignatory { name office }
          partnerSignatories { name office }
          durationYears
          sequenceReported
          countedInOfficialList
          classificationDisputed
          confidence
          expectedSigningWindow { from to label sources }
        }
      }
    }
  }
`);

async function agreementsOf(partnerCode: string[]) {
  const result = await t.execute(AgreementDetails, { filter: { partnerCode } });
  expectOk(result);
  return result.data!.agreements.edges.map((edge) => edge.node);
}

describe('expectedSigningWindow', () => {
  it('gives the US 2024 agreement the May–June 2024 window Zelensky named, with its sources', async () => {
    const [us2024] = await agreementsOf(['US']);
    expect(us2024!.reference).toBe('UA-US-2024');
    expect(us2024!.expectedSigningWindow).toEqual({
      from: '2024-05-01',
      to: '2024-06-30',
      label: 'May–June 2024',
      sources: [
        'https://www.pravda.com.ua/eng/news/2024/04/20/7452154/',
        'https://kyivindependent.com/zelensky-ukraine-prepares-to-sign-bilateral-security-agreements-with-us-nordic-baltic-states/',
        'https://www.ukrinform.net/amp/rubric-polytics/3854833-ukraine-to-sign-security-agreements-with-us-nordic-nations-zelensky.html',
        'https://ukranews.com/en/news/1000272-ukraine-in-may-june-should-sign-bilateral-security-agreements-with-us-some-nordic-and-baltic',
      ],
    });
    // It was signed inside the window.
    expect(us2024!.signedOn! >= '2024-05-01' && us2024!.signedOn! <= '2024-06-30').toBe(true);
  });

  it('gives the Baltic April window to Estonia and Lithuania, which signed later, on 27 June', async () => {
    const baltic = await agreementsOf(['EE', 'LT', 'LV']);
    expect(
      baltic.map((agreement) => [
        agreement.reference,
        agreement.signedOn,
        agreement.expectedSigningWindow?.from ?? null,
      ]),
    ).toEqual([
      ['UA-LV-2024', '2024-04-11', null],
      ['UA-EE-2024', '2024-06-27', '2024-04-01'],
      ['UA-LT-2024', '2024-06-27', '2024-04-01'],
    ]);
  });

  it('is null where no leader named a window', async () => {
    const [gb] = await agreementsOf(['GB']);
    expect(gb!.expectedSigningWindow).toBeNull();
  });
});

describe('statuses from the report', () => {
  it('marks Croatia signed but disputed and outside the official count', async () => {
    const [hr] = await agreementsOf(['HR']);
    expect(hr).toMatchObject({
      reference: 'UA-HR-2024',
      status: 'SIGNED',
      signedOn: '2024-10-09',
      classificationDisputed: true,
      countedInOfficialList: false,
      sequenceReported: 27,
      confidence: 'MEDIUM',
      allowedTransitions: [],
    });
  });

  it('has Bulgaria stalled, with no signing date and the transitions a stalled agreement allows', async () => {
    const [bg] = await agreementsOf(['BG']);
    expect(bg).toMatchObject({
      reference: 'UA-BG-NEG',
      status: 'STALLED',
      signedOn: null,
      countedInOfficialList: false,
      allowedTransitions: ['NEGOTIATING', 'SIGNED', 'ABANDONED'],
      expectedSigningWindow: expect.objectContaining({ from: '2024-12-19', to: '2024-12-19' }),
    });
  });

  it('has Montenegro, North Macedonia and the 2025 US document negotiating, without titles for the first two', async () => {
    const negotiating = await agreementsOf(['ME', 'MK', 'US']);
    expect(
      negotiating
        .filter((agreement) => agreement.status === 'NEGOTIATING')
        .map((agreement) => [agreement.reference, agreement.title]),
    ).toEqual([
      ['UA-ME-NEG', null],
      ['UA-MK-NEG', null],
      ['UA-US-2025-SG', 'Bilateral US–Ukraine security guarantees document (draft)'],
    ]);
  });

  it('records the US 2024 signing with both signatories', async () => {
    const [us2024] = await agreementsOf(['US']);
    expect(us2024).toMatchObject({
      title: 'U.S.-Ukraine Bilateral Security Agreement',
      signedOn: '2024-06-13',
      ukraineSignatory: { name: 'Volodymyr Zelensky', office: 'President of Ukraine' },
      partnerSignatories: [{ name: 'Joe Biden', office: 'President' }],
      durationYears: 10,
      sequenceReported: 17,
      countedInOfficialList: true,
      classificationDisputed: false,
    });
    expect(us2024!.place).toMatch(/Savelletri di Fasano/);
  });
});
