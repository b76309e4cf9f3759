import { localDate, wallClock } from '@tongxin/shared';
import type { AppContext } from '../context.js';
import { notify } from './notifier.js';

/**
 * What a whistle tells people at once: the summoned departments when it is blown (with their 签收
 * deadline), and the departments when the whistler closes and rates it. Keys name the occurrence
 * (the raising, the closing time), so a retry notifies nobody twice.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const dateTime = (at: Date) => {
  const c = wallClock(at);
  return `${localDate(at)} ${pad(c.hour)}:${pad(c.minute)}`;
};

export async function notifyWhistle(app: AppContext, whistleId: string, what: 'summoned' | 'closed'): Promise<void> {
  const models = app.db.models;
  const w = await models.Whistle.findById(whistleId).lean();
  if (!w) return;
  const whistler = (await models.Unit.findById(w.unit, { name: 1 }).lean())?.name ?? '';
  const base = { allianceId: String(w.alliance), link: `/whistles/${whistleId}`, robots: true };
  if (what === 'summoned') {
    for (const d of w.departments) {
      await notify(app, {
        ...base,
        key: `event:whistle.summoned:${whistleId}:${String(d.unit)}`,
        kind: 'whistle.summoned',
        to: { unitIds: [String(d.unit)] },
        params: { title: w.title, person: whistler, unit: (await models.Unit.findById(d.unit, { name: 1 }).lean())?.name ?? '', time: dateTime(d.ackDueAt) },
      });
    }
    return;
  }
  if (!w.closedAt) return;
  await notify(app, {
    ...base,
    key: `event:whistle.closed:${whistleId}:${w.closedAt.toISOString()}`,
    kind: 'whistle.closed',
    to: { unitIds: w.departments.map((d) => String(d.unit)) },
    params: { title: w.title, person: whistler },
  });
}
