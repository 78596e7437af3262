/**
 * One hand-written SQL statement per benchmark query: PostgreSQL builds the whole JSON body, in
 * the shape our GraphQL API returns (global ids included). plain-pg.ts serves them as they are;
 * yoga-constant.ts reads them once as its constant data. Q3 takes the agreement id as $1.
 */

const globalId = (typeName: string, column: string) =>
  `encode(convert_to('${typeName}:' || ${column}, 'UTF8'), 'base64')`;

export const STATEMENTS = {
  q1: `
    select json_build_object('data', json_build_object('agreements', json_build_object('edges',
      coalesce(json_agg(json_build_object('node', json_build_object(
        'id', ${globalId('Agreement', 'a.id')}, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on,
        'partner', json_build_object('code', p.code, 'name', p.name),
        'timeline', json_build_object('edges', t.edges)
      )) order by a.id), '[]'))))::text as body
    from (select id, title, status, signed_on, partner_code from agreements order by id limit 50) a
    join partners p on p.code = a.partner_code
    cross join lateral (
      select coalesce(json_agg(json_build_object('node', json_build_object(
               'id', ${globalId('TimelineEvent', 'e.id')}, 'title', e.title, 'occurredOn', e.occurred_on, 'kind', e.kind
             )) order by e.occurred_on desc, e.id desc), '[]') as edges
      from (
        select e.id, e.title, e.occurred_on, e.kind
        from timeline_event_agreements tea join timeline_events e on e.id = tea.event_id
        where tea.agreement_id = a.id
        order by e.occurred_on desc, e.id desc
        limit 5
      ) e
    ) t`,
  q2: `
    select json_build_object('data', json_build_object('partners', json_build_object('edges',
      coalesce(json_agg(json_build_object('node', json_build_object(
        'code', p.code, 'name', p.name, 'agreements', json_build_object('edges', x.edges)
      )) order by p.code), '[]'))))::text as body
    from (select code, name from partners order by code limit 20) p
    cross join lateral (
      select coalesce(json_agg(json_build_object('node', json_build_object(
               'id', ${globalId('Agreement', 'a.id')}, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on
             )) order by a.id), '[]') as edges
      from (select id, title, status, signed_on from agreements where partner_code = p.code order by id limit 10) a
    ) x`,
  q3: `
    select json_build_object('data', json_build_object('agreement', (
      select json_build_object(
        'id', ${globalId('Agreement', 'a.id')}, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on,
        'partner', json_build_object('code', p.code, 'name', p.name))
      from agreements a join partners p on p.code = a.partner_code
      where a.id = $1)))::text as body`,
} as const;
