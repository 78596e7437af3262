/**
 * The alert rules and the Grafana dashboard in ops/ parse as PromQL (Prometheus's own grammar),
 * and every metric they name is in a real scrape of the service: a renamed metric fails here
 * rather than leaving an alert that can never fire or a panel that stays empty.
 */
import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type OpsApp, type Scrape, startOpsApp } from './support';

const opsFile = (name: string) => readFileSync(new URL(`../../ops/${name}`, import.meta.url), 'utf8');

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string };
}

const alertRules = (parseYaml(opsFile('alerts.yml')) as { groups: Array<{ rules: AlertRule[] }> }).groups.flatMap(
  (group) => group.rules,
);

interface Panel {
  title?: string;
  targets?: Array<{ expr: string }>;
  panels?: Panel[];
}
const dashboard = JSON.parse(opsFile('grafana-dashboard.json')) as { panels: Panel[] };
const panelQueries = (panels: Panel[]): Array<{ where: string; expr: string }> =>
  panels.flatMap((panel) => [
    ...(panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr })),
    ...panelQueries(panel.panels ?? []),
  ]);

const queries = [
  ...alertRules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
  ...panelQueries(dashboard.panels),
];

/** The metric names a PromQL expression selects (Grafana's $__ variables stand in for a range). */
function metricNames(expr: string): string[] {
  const text = expr.replaceAll(/\$__(rate_interval|interval|range)/g, '5m');
  const names: string[] = [];
  const errors: string[] = [];
  parser.parse(text).iterate({
    enter(node) {
      if (node.type.isError) errors.push(text.slice(Math.max(0, node.from - 20), node.to + 20));
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier');
        if (identifier) names.push(text.slice(identifier.from, identifier.to));
      }
    },
  });
  if (errors.length) throw new Error(`not PromQL near ${JSON.stringify(errors[0])}: ${expr}`);
  return names;
}

/** Whether the scrape has the metric, reading `x_bucket`, `x_sum` and `x_count` as histogram x's. */
function scraped(scrape: Scrape, name: string): boolean {
  if (scrape.metrics[name]) return true;
  const histogram = /^(.+)_(bucket|sum|count)$/.exec(name)?.[1];
  return histogram !== undefined && scrape.metrics[histogram]?.type === 'histogram';
}

let t: OpsApp;
beforeAll(async () => {
  t = await startOpsApp();
});
afterAll(() => t?.close());

it('the alert rules cover the live path, the listener, 5xx and the pool, and each is complete', () => {
  expect(alertRules.map((rule) => rule.alert)).toEqual(
    expect.arrayContaining([
      'UaCommitToDeliveryP99High',
      'UaEventLagHigh',
      'UaEventListenerDown',
      'UaHttp5xxRateHigh',
      'UaDbPoolWaiting',
    ]),
  );
  for (const rule of alertRules) {
    expect(rule.labels.severity, rule.alert).toMatch(/^(warning|critical)$/);
    expect(rule.annotations.summary, rule.alert).toBeTruthy();
  }
});

it('every query in ops/ is PromQL, and every metric it names is in a real scrape', async () => {
  expect(queries.length).toBeGreaterThan(20);
  // Each query selects at least one metric: the names below are really read from the expressions.
  for (const { where, expr } of queries) expect(metricNames(expr).length, where).toBeGreaterThan(0);
  const scrape = await t.scrape();
  const missing = queries.flatMap(({ where, expr }) =>
    metricNames(expr)
      .filter((name) => !scraped(scrape, name))
      .map((name) => `${name} (${where})`),
  );
  expect(missing).toEqual([]);
  // And the check can fail: a name the service does not export is caught.
  expect(scraped(scrape, 'ua_no_such_metric_total')).toBe(false);
});
