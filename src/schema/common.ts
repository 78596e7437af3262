/** Types shared by several modules. */
import { type CONFIDENCES, MEMBERSHIPS } from '../db/enums';
import { builder } from './builder';

export const OrderDirection = builder.enumType('OrderDirection', {
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } as const,
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
  values: MEMBERSHIPS,
});

export const Person = builder.objectRef<{ name: string; office: string | null }>('Person').implement({
  description: 'A signatory, as named by the sources.',
  fields: (t) => ({
    name: t.exposeString('name'),
    office: t.exposeString('office', { nullable: true }),
  }),
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'All items matching the arguments, across pages. Costs one count query; select it only when needed.',
    resolve: (connection) => connection.totalCount(),
  }),
);
