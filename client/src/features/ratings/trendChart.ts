import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Loaded on demand (dynamic import from TrendChart): ECharts stays out of the first bundle.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = [
  '#1d4f91',
  '#c0392b',
  '#2e7d32',
  '#9a6700',
  '#6f42c1',
  '#0b7285',
  '#b4457a',
  '#57606a',
  '#e8590c',
  '#2b8a3e',
];

/** One line per unit over the periods: points, or stars (1–5, null where not published). Returns the disposer. */
export function drawTrendChart(
  el: HTMLElement,
  periods: string[],
  units: { name: string; values: (number | null)[] }[],
  measure: 'points' | 'stars',
) {
  // The legend wraps onto as many lines as the names need (a scrolling legend hides units on a phone).
  const narrow = el.clientWidth < 600;
  const fontSize = narrow ? 10 : 12;
  const lines = legendLines(
    units.map((u) => u.name),
    el.clientWidth - 16,
    fontSize,
  );
  const legendHeight = lines * (fontSize + 10);
  el.style.height = `${(narrow ? 240 : 300) + legendHeight}px`;
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    color: COLORS,
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) =>
        v === null || v === undefined ? '—' : measure === 'stars' ? `${String(v)}★` : String(v),
    },
    legend: { type: 'plain', top: 0, left: 0, right: 0, itemGap: 10, textStyle: { fontSize } },
    grid: { left: 36, right: narrow ? 24 : 40, top: legendHeight + 16, bottom: narrow ? 44 : 32 },
    xAxis: {
      type: 'category',
      // On a phone 2026年第四季度 / Q4 2026 go on two lines, so every period keeps its label.
      data: narrow ? periods.map((p) => p.replace(/^(\d{4}年)/, '$1\n').replace(/^(Q\d) /, '$1\n')) : periods,
      boundaryGap: false,
      axisLabel: { interval: 0, fontSize },
    },
    yAxis: measure === 'stars' ? { type: 'value', min: 0, max: 5, interval: 1 } : { type: 'value', minInterval: 1 },
    series: units.map((u) => ({ name: u.name, type: 'line', data: u.values, connectNulls: false, symbolSize: 7 })),
  });
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.dispose();
  };
}

/** How many lines the legend takes: each item is its mark, its name (CJK full width, Latin about half) and a gap. */
function legendLines(names: string[], width: number, fontSize: number): number {
  let lines = 1;
  let x = 0;
  for (const name of names) {
    const text = [...name].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x100 ? 0.6 : 1) * fontSize, 0);
    const item = 25 + 5 + text + 10;
    if (x > 0 && x + item > width) {
      lines += 1;
      x = 0;
    }
    x += item;
  }
  return lines;
}
