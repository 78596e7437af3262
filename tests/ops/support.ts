/**
 * The metrics endpoint as Prometheus sees it: a real scrape over HTTP from the app's own metrics
 * listener, parsed by a Prometheus text-format parser (prom2javascript, which also checks that each
 * histogram's +Inf bucket equals its count; parse-prometheus-text-format merges a histogram's
 * label sets into one, so it cannot read these).
 */
import { getMetricsFromIterator, type PromHistogramData, type PromMetric, type PromMetrics } from 'prom2javascript';
import type { AppDependencies } from '../../src/app';
import { startTestApp, type TestApp } from '../support/app';
import type { TestDatabaseOptions } from '../support/database';

export interface OpsApp extends TestApp {
  /** The public base URL (http://127.0.0.1:PORT). */
  base: string;
  /** http://127.0.0.1:PORT/metrics on the metrics listener. */
  metricsUrl: string;
  /** GET /metrics, parsed. */
  scrape(): Promise<Scrape>;
}

/** An app with metrics on (their listener on a free loopback port) and the public port open. */
export async function startOpsApp(
  env: Record<string, string> = {},
  options: TestDatabaseOptions = {},
  deps: Omit<AppDependencies, 'database'> = {},
): Promise<OpsApp> {
  // Any non-zero METRICS_PORT turns metrics on; the listener then takes a free port instead.
  const t = await startTestApp({ METRICS_PORT: '9464', ...env }, options, deps);
  const base = await t.listen();
  const port = await t.app.listenMetrics(0, '127.0.0.1');
  if (port === undefined) throw new Error('metrics are off');
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  return { ...t, base, metricsUrl, scrape: () => scrape(metricsUrl) };
}

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const text = await response.text();
  // The format allows NaN and -Inf values, which prom2javascript's number pattern lacks (prom-client
  // writes NaN for an event-loop lag with no sample yet): those samples are left out, their
  // families (HELP, TYPE) stay.
  const lines = text.split('\n').filter((line) => !/ (nan|-inf)$/i.test(line));
  return new Scrape(await getMetricsFromIterator(lines[Symbol.iterator]()), text);
}

const matches = (sampleLabels: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(labels).every(([name, value]) => sampleLabels[name] === value);

export class Scrape {
  constructor(
    readonly metrics: PromMetrics,
    readonly text: string,
  ) {}

  family(name: string): PromMetric {
    const family = this.metrics[name];
    if (!family) throw new Error(`no metric ${name} in the scrape`);
    return family;
  }

  /** A counter or gauge: the sum over the series whose labels include `labels` (0 when none). */
  value(name: string, labels: Record<string, string> = {}): number {
    const family = this.family(name);
    if (family.type !== 'counter' && family.type !== 'gauge') throw new Error(`${name} is a ${family.type}`);
    return (family.data as Array<{ labels: Record<string, string>; value: number }>)
      .filter((sample) => matches(sample.labels, labels))
      .reduce((sum, sample) => sum + sample.value, 0);
  }

  /** A histogram's series whose labels include `labels`. */
  histograms(name: string, labels: Record<string, string> = {}): PromHistogramData[] {
    const family = this.family(name);
    if (family.type !== 'histogram') throw new Error(`${name} is a ${family.type}`);
    return (family.data as PromHistogramData[]).filter((sample) => matches(sample.labels, labels));
  }

  /** A histogram: observations over the series whose labels include `labels`. */
  count(name: string, labels: Record<string, string> = {}): number {
    return this.histograms(name, labels).reduce((sum, sample) => sum + sample.count, 0);
  }

  /** The distinct values a label takes in a family. */
  labelValues(name: string, label: string): Set<string> {
    const data = this.family(name).data as Array<{ labels: Record<string, string> }>;
    return new Set(data.flatMap((sample) => sample.labels[label] ?? []));
  }

  /** Sample lines of the families whose names start with `prefix` (each histogram bucket, sum and count is one). */
  sampleCount(prefix: string): number {
    return this.text.split('\n').filter((line) => line.startsWith(prefix)).length;
  }
}
