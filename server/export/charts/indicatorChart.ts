import type { FollowupIndicator } from '../../../schemas/api/followup';
import { formatIndicatorValue } from '../../../schemas/indicatorUnits';
import { lazyRequire } from '../../lazyRequire';
import { valueDate } from '../../governance/trajectory';

/**
 * An indicator's chart — baseline → yearly values → target, with the expected trajectory — as
 * an SVG string drawn by Apache ECharts' server-side renderer (no DOM). One function for every
 * place the chart appears: the follow-up screen (`…/chart.svg`), the bilan's PDF (inline SVG,
 * printed by Chromium) and its DOCX (the same SVG, with a PNG rasterised from it for Word
 * versions that do not read SVG). No text from the document goes into the SVG (legends and axes
 * are ours), so it can be served and embedded as it is.
 */

const echarts = lazyRequire<typeof import('echarts')>('echarts');

export const chartSize = { width: 560, height: 240 } as const;

const colours = { values: '#1d4e89', trajectory: '#6b7280', target: '#a34a00' };

const dayMs = 86_400_000;
const time = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
/**
 * Values are dated at the end of their year and ticks fall on 1 January: a tick reads as the
 * day before (31/12/2025 where the 2025 value sits), otherwise as its own day.
 */
function tickLabel(ms: number): string {
  const day = new Date(ms);
  const shown = day.getUTCMonth() === 0 && day.getUTCDate() === 1 ? new Date(ms - dayMs) : day;
  return shown.toISOString().slice(0, 10).split('-').reverse().join('/');
}

/** Charts already drawn, by what they show: the screen asks for each one again on every visit. */
const drawn = new Map<string, string>();
const maxDrawn = 2000;

export function indicatorChartSvg(
  indicator: Pick<FollowupIndicator, 'baseline' | 'target' | 'values' | 'unit'>,
  size: { width: number; height: number } = chartSize,
): string {
  const key = JSON.stringify([size, indicator.unit, indicator.baseline, indicator.target, indicator.values.map((v) => [v.year, v.value, v.date])]);
  const known = drawn.get(key);
  if (known !== undefined) return known;
  const svg = drawChart(indicator, size);
  drawn.set(key, svg);
  if (drawn.size > maxDrawn) drawn.delete(drawn.keys().next().value!);
  return svg;
}

function drawChart(indicator: Pick<FollowupIndicator, 'baseline' | 'target' | 'values' | 'unit'>, size: { width: number; height: number }): string {
  const values = indicator.values.map((v) => [time(valueDate(v.year, v.date)), v.value] as [number, number]);
  const baseline = indicator.baseline ? ([time(indicator.baseline.date), indicator.baseline.value] as [number, number]) : null;
  const target = indicator.target ? ([time(indicator.target.date), indicator.target.value] as [number, number]) : null;
  const xs = [baseline?.[0], target?.[0], ...values.map((v) => v[0])].filter((x): x is number => x !== undefined);
  const min = xs.length ? Math.min(...xs) - 60 * dayMs : undefined;
  const max = xs.length ? Math.max(...xs) + 60 * dayMs : undefined;
  const format = (v: number) => formatIndicatorValue(v, indicator.unit);
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Liberation Sans, DejaVu Sans, Arial, sans-serif', fontSize: 11 },
      grid: { left: 72, right: 32, top: 28, bottom: 56 },
      legend: { bottom: 0, itemWidth: 18, data: ['Valeurs (depuis l’origine)', 'Trajectoire attendue', 'Cible'] },
      xAxis: { type: 'time', min, max, splitNumber: 6, axisLabel: { formatter: tickLabel, hideOverlap: true } },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: format } },
      series: [
        {
          name: 'Trajectoire attendue',
          type: 'line',
          data: baseline && target ? [baseline, target] : [],
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2, color: colours.trajectory },
          itemStyle: { color: colours.trajectory },
        },
        {
          name: 'Valeurs (depuis l’origine)',
          type: 'line',
          data: [...(baseline ? [baseline] : []), ...values],
          symbol: 'circle',
          symbolSize: 8,
          lineStyle: { width: 3, color: colours.values },
          itemStyle: { color: colours.values },
          label: { show: true, position: 'top', formatter: (p: { value: [number, number] }) => format(p.value[1]) },
        },
        {
          name: 'Cible',
          type: 'scatter',
          data: target ? [target] : [],
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: colours.target },
          label: { show: true, position: 'top', formatter: (p: { value: [number, number] }) => format(p.value[1]) },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
