import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { WhistleStatsRowView } from '@tongxin/shared';

// Loaded on demand (dynamic import from StatsChart): ECharts stays out of the first bundle.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** Draws the rates per department (and period) into `el`; returns the disposer. */
export function drawStatsChart(el: HTMLElement, rows: WhistleStatsRowView[], names: { ack: string; report: string; satisfaction: string }, multiPeriod: boolean) {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  // A phone has no room for the names side by side: they lean.
  const narrow = el.clientWidth < 600;
  chart.setOption({
    animation: false,
    color: ['#c0392b', '#1f6feb', '#2e7d32'],
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { top: 0 },
    grid: { left: 40, right: 12, top: narrow ? 64 : 40, bottom: narrow ? 110 : 70 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => (multiPeriod ? `${r.unit.name}\n${r.period}` : r.unit.name)),
      axisLabel: narrow ? { interval: 0, rotate: 45, width: 100, overflow: 'truncate', fontSize: 10 } : { interval: 0, width: 90, overflow: 'break', fontSize: 11 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: names.ack, type: 'bar', data: rows.map((r) => pct(r.ackOnTimeRate)) },
      { name: names.report, type: 'bar', data: rows.map((r) => pct(r.reportOnTimeRate)) },
      { name: names.satisfaction, type: 'bar', data: rows.map((r) => pct(r.satisfactionRate)) },
    ],
  });
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.dispose();
  };
}
