import { parentPort } from 'node:worker_threads';
import type { FollowupIndicator } from '../../../schemas/api/followup';
import { lowerThisThreadPriority } from '../../threadPriority';
import { chartPng } from './chartPng';
import { indicatorChartSvg } from './indicatorChart';

/** What a chart shows: the same fields indicatorChartSvg reads. */
export type ChartInput = Pick<FollowupIndicator, 'baseline' | 'target' | 'values' | 'unit'>;

/** A request from chartThread.ts: the charts of one bilan. */
export interface ChartJob {
  charts: ChartInput[];
}

export type ChartResult = { ok: true; pngs: Uint8Array[] } | { ok: false; error: string };

lowerThisThreadPriority();

/**
 * Draws charts as PNG off the serving thread (ECharts' SVG, then resvg), one job at a time: 300
 * charts of a bilan take tens of seconds on a busy machine, during which the serving thread
 * answers the editors.
 */
parentPort?.on('message', (job: ChartJob) => {
  try {
    const pngs = job.charts.map((chart) => new Uint8Array(chartPng(indicatorChartSvg(chart))));
    parentPort!.postMessage(
      { ok: true, pngs } satisfies ChartResult,
      pngs.map((p) => p.buffer as ArrayBuffer),
    );
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: String(error) } satisfies ChartResult);
  }
});
