import { actKindLabels } from '../../../../schemas/governance';
import type { Deadline, Step, Timeline } from './govApi';
import { addDays, daysBetween, formatDay, monthOf, monthTitle, shiftMonth } from './dates';

/** Pure pieces of the project timeline (the Gantt-like line): positions, ticks, milestones. */

export interface Scale {
  from: string;
  to: string;
  /** Horizontal position of a day, in percent of the line (0–100, clamped). */
  pos(iso: string): number;
}

/** A scale over [from, to] with a margin on each side; a single day gets a month around it. */
export function scaleFor(range: { from: string; to: string }): Scale {
  let from = range.from <= range.to ? range.from : range.to;
  let to = range.from <= range.to ? range.to : range.from;
  if (daysBetween(from, to) < 14) {
    from = addDays(from, -15);
    to = addDays(to, 15);
  }
  const margin = Math.max(3, Math.round(daysBetween(from, to) * 0.04));
  from = addDays(from, -margin);
  to = addDays(to, margin);
  const span = daysBetween(from, to);
  return {
    from,
    to,
    pos(iso: string): number {
      const p = (daysBetween(from, iso) / span) * 100;
      return Math.min(100, Math.max(0, Math.round(p * 100) / 100));
    },
  };
}

/** First day of each month inside the scale, with its label (axis graduations). */
export function monthTicks(scale: Scale): { iso: string; label: string; pos: number }[] {
  const ticks: { iso: string; label: string; pos: number }[] = [];
  let m = shiftMonth(monthOf(scale.from), 1);
  for (let i = 0; i < 120; i++, m = shiftMonth(m, 1)) {
    const iso = `${m.year}-${String(m.month).padStart(2, '0')}-01`;
    if (iso > scale.to) break;
    ticks.push({ iso, label: monthTitle(m), pos: scale.pos(iso) });
  }
  // Too many graduations for the width: keep one in N.
  const every = Math.ceil(ticks.length / 12);
  return ticks.filter((_, i) => i % every === 0);
}

export type MilestoneStatus = 'done' | 'planned' | 'todo';

export interface Milestone {
  key: string;
  date: string | null;
  status: MilestoneStatus;
  label: string;
  /** The act is on a version whose text changed since. */
  stale: boolean;
  required: boolean;
  seanceId: string | null;
}

export const stepStatusLabel: Record<MilestoneStatus, string> = {
  done: 'fait',
  planned: 'prévu',
  todo: 'à faire',
};

export const deadlineStatusLabel: Record<Deadline['status'], string> = {
  upcoming: 'à venir',
  met: 'respectée',
  overdue: 'dépassée',
};

/**
 * What the line shows: every step of the path (done at the date of its act, planned at its
 * séance's date, to do without a date) and the other acts recorded (on earlier versions, or
 * optional ones), each once.
 */
export function milestones(timeline: Pick<Timeline, 'acts' | 'steps'>): Milestone[] {
  const staleById = new Map(timeline.acts.map((a) => [a.id, a.stale]));
  const used = new Set<string>();
  const items: Milestone[] = timeline.steps.map((step: Step) => {
    if (step.doneBy) used.add(step.doneBy.actId);
    return {
      key: `step:${step.stepId}:${step.organisationId ?? ''}`,
      date: step.doneBy?.date ?? step.planned?.date ?? null,
      status: step.status,
      label: step.label,
      stale: step.doneBy ? staleById.get(step.doneBy.actId) === true : false,
      required: step.required,
      seanceId: step.planned?.seanceId ?? null,
    };
  });
  for (const act of timeline.acts) {
    // An annulled act no longer counts: it stays in the acts table, not on the line.
    if (used.has(act.id) || act.annulled) continue;
    items.push({
      key: `act:${act.id}`,
      date: act.seance.date,
      status: 'done',
      label: `${actKindLabels[act.kind]} — ${act.instance.name} (version ${act.version.number})`,
      stale: act.stale,
      required: false,
      seanceId: act.seance.id,
    });
  }
  return items.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.key.localeCompare(b.key));
}

/** "le 09/03/2027" or "date à fixer". */
export function whenText(date: string | null): string {
  return date ? `le ${formatDay(date)}` : 'date à fixer';
}

/**
 * Lanes for labels on the line so that two labels closer than `minGap` percent never share a
 * lane (greedy, in order of position). Returns one lane index per item, in the items' order.
 */
export function assignLanes(positions: number[], minGap: number, maxLanes = 4): number[] {
  const order = positions.map((pos, index) => ({ pos, index })).sort((a, b) => a.pos - b.pos || a.index - b.index);
  const lastInLane: number[] = [];
  const lanes = new Array<number>(positions.length).fill(0);
  for (const { pos, index } of order) {
    let lane = lastInLane.findIndex((last) => pos - last >= minGap);
    if (lane === -1) lane = lastInLane.length < maxLanes ? lastInLane.length : lastInLane.indexOf(Math.min(...lastInLane));
    lastInLane[lane] = pos;
    lanes[index] = lane;
  }
  return lanes;
}
