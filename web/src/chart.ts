/** Signings per month as an SVG bar chart, sized to its container so its text stays readable. */
import { formatDate, svg } from './dom';

export interface MonthCount {
  month: string;
  count: number;
}

const FIRST_MONTH = '2024-01';
const HEIGHT = 220;
const MARGIN = { top: 18, right: 8, bottom: 30, left: 30 };

/** Every month from January 2024 to `until` (or the last month with a signing, if later), zero-filled. */
function series(counts: readonly MonthCount[], until: string): MonthCount[] {
  const byMonth = new Map(counts.map((entry) => [entry.month, entry.count]));
  const last = [until, ...counts.map((entry) => entry.month)].reduce((a, b) => (a > b ? a : b));
  const months: MonthCount[] = [];
  for (let [year, month] = FIRST_MONTH.split('-').map(Number) as [number, number]; ; month++) {
    if (month > 12) [year, month] = [year + 1, 1];
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push({ month: key, count: byMonth.get(key) ?? 0 });
  }
  return months;
}

export function renderChart(container: HTMLElement, counts: readonly MonthCount[], until: string): void {
  const months = series(counts, until);
  const total = months.reduce((sum, entry) => sum + entry.count, 0);
  const peak = months.reduce((best, entry) => (entry.count > best.count ? entry : best), months[0]!);
  const width = Math.max(280, Math.round(container.clientWidth || 640));
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, peak.count);
  const step = plotWidth / months.length;
  const y = (count: number) => MARGIN.top + plotHeight - (count / max) * plotHeight;
  const range = `${formatDate(months[0]!.month, 'LONG_MONTH')} to ${formatDate(months.at(-1)!.month, 'LONG_MONTH')}`;

  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${HEIGHT}`,
      width,
      height: HEIGHT,
      role: 'img',
      'aria-labelledby': 'chart-title chart-desc',
    },
    svg('title', { id: 'chart-title' }, 'Signings per month'),
    svg(
      'desc',
      { id: 'chart-desc' },
      `${total} agreements signed from ${range}` +
        (peak.count > 0 ? `; most in ${formatDate(peak.month, 'LONG_MONTH')} (${peak.count}).` : '.'),
    ),
  );
  for (const tick of new Set([0, Math.round(max / 2), max])) {
    chart.append(
      svg('line', { class: 'grid', x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick) }),
      svg('text', { class: 'tick', x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, tick),
    );
  }
  // Label Januaries with the year, and the other quarters where there is room.
  const quarterLabels = step * 3 >= 34;
  for (const [index, entry] of months.entries()) {
    const x = MARGIN.left + index * step;
    const barWidth = Math.max(1, step * 0.7);
    const top = y(entry.count);
    const monthNumber = Number(entry.month.slice(5));
    chart.append(
      svg(
        'rect',
        {
          class: 'bar',
          x: x + (step - barWidth) / 2,
          y: top,
          width: barWidth,
          height: MARGIN.top + plotHeight - top,
          'data-month': entry.month,
          'data-count': entry.count,
        },
        svg('title', {}, `${formatDate(entry.month, 'LONG_MONTH')}: ${entry.count} signed`),
      ),
    );
    if (entry.count > 0 && step >= 12) {
      chart.append(svg('text', { class: 'value', x: x + step / 2, y: top - 4, 'text-anchor': 'middle' }, entry.count));
    }
    const label =
      monthNumber === 1
        ? entry.month.slice(0, 4)
        : quarterLabels && monthNumber % 3 === 1
          ? formatDate(entry.month, 'MONTH').slice(0, 3)
          : '';
    if (label) {
      chart.append(
        svg('text', { class: 'axis', x: x + step / 2, y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle' }, label),
      );
    }
  }
  container.replaceChildren(chart);
}
