/**
 * A Prometheus histogram and counter for the hot paths (each request, statement, dispatched event
 * and delivery), registered in a prom-client Registry and scraped exactly as prom-client's own are
 * (same lines, same order), but updated through children bound to one label set once: an
 * observation is a bucket scan and two additions, an increment one addition.
 *
 * prom-client's `observe(labels, value)` and `inc(labels)` (and `labels(...)`, which only binds the
 * object) validate the labels and build a hash string from them on every call: with five
 * observations a request that was a few microseconds of CPU per request
 * (bench/results/metrics-overhead.md), and two per subscriber for each event fanned out.
 */
import type { Counter as PromCounter, Histogram as PromHistogram, Registry } from 'prom-client';

export interface HistogramChild {
  observe(seconds: number): void;
}

interface Series extends HistogramChild {
  readonly labels: Readonly<Record<string, string>>;
  readonly counts: number[];
  sum: number;
  count: number;
}

interface Sample {
  labels: Record<string, string | number>;
  sharedLabels?: Readonly<Record<string, string>>;
  value: number;
  metricName: string;
}

export class BoundHistogram<Label extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly bounds: readonly number[];
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly Label[],
    buckets: readonly number[],
    registry: Registry,
  ) {
    this.bounds = [...buckets].sort((a, b) => a - b);
    // The registry reads only name, help, type, aggregator, get() and reset().
    registry.registerMetric(this as unknown as PromHistogram);
  }

  /**
   * The series of these label values, made on first use. Callers keep the child (per operation,
   * status, statement): the lookup here joins the values into a key.
   */
  child(labels: Readonly<Record<Label, string>>): HistogramChild {
    const key = this.labelNames.map((name) => labels[name]).join('\u0000');
    let series = this.series.get(key);
    if (!series) {
      const bounds = this.bounds;
      const counts = new Array<number>(bounds.length + 1).fill(0);
      const made: Series = {
        labels: Object.freeze(Object.fromEntries(this.labelNames.map((name) => [name, labels[name]]))),
        counts,
        sum: 0,
        count: 0,
        observe(seconds: number) {
          let i = 0;
          while (i < bounds.length && seconds > bounds[i]!) i++;
          counts[i]!++;
          made.sum += seconds;
          made.count++;
        },
      };
      series = made;
      this.series.set(key, series);
    }
    return series;
  }

  /** What prom-client's Histogram gives the registry for the text format: cumulative buckets, +Inf, sum, count. */
  async getForPromString() {
    const values: Sample[] = [];
    const bucket = `${this.name}_bucket`;
    for (const series of this.series.values()) {
      // Children are made ahead of use (an operation's four phases): unobserved, they are not shown.
      if (series.count === 0) continue;
      const shared = series.labels;
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += series.counts[i]!;
        values.push({ labels: { le: this.bounds[i]! }, sharedLabels: shared, value: cumulative, metricName: bucket });
      }
      values.push({ labels: { le: '+Inf' }, sharedLabels: shared, value: series.count, metricName: bucket });
      values.push({ labels: {}, sharedLabels: shared, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: shared, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The same samples with each series' labels merged in (the registry's JSON form). */
  async get() {
    const metric = await this.getForPromString();
    const values = metric.values.map(({ labels, sharedLabels, ...sample }) => ({
      ...sample,
      labels: { ...labels, ...sharedLabels },
    }));
    return { ...metric, values };
  }

  /** Zeroes every series in place (and so hides it): children held by callers keep counting. */
  reset(): void {
    for (const series of this.series.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}

export interface CounterChild {
  inc(): void;
}

interface CounterSeries extends CounterChild {
  readonly labels: Readonly<Record<string, string>>;
  value: number;
}

export class BoundCounter<Label extends string> {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, CounterSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly Label[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as PromCounter);
  }

  /** The series of these label values, made on first use; callers keep the child. */
  child(labels: Readonly<Record<Label, string>>): CounterChild {
    const key = this.labelNames.map((name) => labels[name]).join('\u0000');
    let series = this.series.get(key);
    if (!series) {
      const made: CounterSeries = {
        labels: Object.freeze(Object.fromEntries(this.labelNames.map((name) => [name, labels[name]]))),
        value: 0,
        inc() {
          made.value++;
        },
      };
      series = made;
      this.series.set(key, series);
    }
    return series;
  }

  /** What prom-client's Counter gives the registry: one sample per series counted at least once. */
  async get() {
    const values: Array<{ labels: Record<string, string>; value: number }> = [];
    for (const series of this.series.values()) {
      // Children are made ahead of use (one per topic, per subscribed field): uncounted, not shown.
      if (series.value > 0) values.push({ labels: { ...series.labels }, value: series.value });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** Zeroes every series in place (and so hides it): children held by callers keep counting. */
  reset(): void {
    for (const series of this.series.values()) series.value = 0;
  }
}
