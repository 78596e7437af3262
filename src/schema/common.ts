/** Types shared by several modules. */
import type { CONFIDENCES, MEMBERSHIPS } from '../db/enums';
import { builder } from './builder';

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction of a list.',
  values: {
    ASC: { value: 'asc', description: 'Smallest first: oldest date, A before Z, lowest ID.' },
    DESC: { value: 'desc', description: 'Largest first: latest date, Z before A, highest ID.' },
  } as const,
});

export const Confidence = builder.enumType('Confidence', {
  description: 'How well the compiler of the seed data could source a record (see data/*.REPORT.md).',
  values: {
    HIGH: { description: 'Confirmed by two or more independent sources, one official or a major outlet.' },
    MEDIUM: { description: 'A single decent source, or a disputed classification.' },
    LOW: { description: 'Weak or indirect sourcing.' },
  } as const satisfies Record<(typeof CONFIDENCES)[number], object>,
});

export const Membership = builder.enumType('Membership', {
  description: 'Groups a partner belonged to at its signing date (or its latest negotiation event).',
  values: {
    NATO: {
      description:
        'Member of the North Atlantic Treaty Organization (Sweden from 7 March 2024, Finland from April 2023).',
    },
    EU: { description: 'Member state of the European Union (the EU itself has no memberships).' },
    G7: {
      description: 'Group of Seven: Canada, France, Germany, Italy, Japan, the United Kingdom, the United States.',
    },
    NORDIC: { description: 'Nordic country: Denmark, Finland, Iceland, Norway, Sweden.' },
    BALTIC: { description: 'Baltic state: Estonia, Latvia, Lithuania.' },
  } as const satisfies Record<(typeof MEMBERSHIPS)[number], object>,
});

export const Person = builder.objectRef<{ name: string; office: string | null }>('Person').implement({
  description: 'A signatory, as named by the sources.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name, e.g. "Rishi Sunak".' }),
    office: t.exposeString('office', {
      nullable: true,
      description: 'Office held when signing, e.g. "Prime Minister"; null where no source names it.',
    }),
  }),
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'All items matching the arguments, across pages. Costs one count query; select it only when needed.',
    resolve: (connection) => connection.totalCount(),
  }),
);
