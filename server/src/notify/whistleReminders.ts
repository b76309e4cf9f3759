import type { Types } from 'mongoose';
import { localDate, wallClock, type ReminderKind } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import type { DueReminder } from './reminderSources.js';

/**
 * 吹哨报到 clocks as reminder occurrences: a summoned department whose 签收, 联系对接 or 报到 is past
 * its deadline and not done is told once per step (the key names the deadline), with the whistling
 * unit and the secretaries, in the bell and the group robots. These clocks are instants in office
 * hours, so they go out as soon as they are passed, not at the next morning's round.
 */
const STEPS = [
  { kind: 'whistle.ackOverdue', due: 'ackDueAt', done: 'ackAt', name: 'ack' },
  { kind: 'whistle.contactOverdue', due: 'contactDueAt', done: 'contactAt', name: 'contact' },
  { kind: 'whistle.reportOverdue', due: 'reportDueAt', done: 'reportedAt', name: 'report' },
] as const satisfies readonly { kind: ReminderKind; due: string; done: string; name: string }[];

type WhistlePage = Awaited<ReturnType<typeof findOpen>>;
/** Only its type is used: the lean documents a page holds. */
const findOpen = (models: Models) => models.Whistle.find({}).lean();
void findOpen;

const pad = (n: number) => String(n).padStart(2, '0');
const dateTime = (at: Date) => {
  const c = wallClock(at);
  return `${localDate(at)} ${pad(c.hour)}:${pad(c.minute)}`;
};

export async function* whistleReminders(models: Models, now: Date, size = 200): AsyncGenerator<DueReminder[]> {
  const unitNames = new Map<string, string>();
  const unitName = async (id: unknown) => {
    const key = String(id);
    if (!unitNames.has(key)) unitNames.set(key, (await models.Unit.findById(key, { name: 1 }).lean())?.name ?? '');
    return unitNames.get(key)!;
  };
  for (const s of STEPS) {
    let after: Types.ObjectId | null = null;
    for (;;) {
      const page: WhistlePage = await models.Whistle.find({
        status: 'open',
        departments: { $elemMatch: { [s.due]: { $lt: now }, [s.done]: null } },
        ...(after ? { _id: { $gt: after } } : {}),
      })
        .sort({ _id: 1 })
        .limit(size)
        .lean();
      const out: DueReminder[] = [];
      for (const w of page) {
        for (const d of w.departments) {
          const due = d[s.due];
          if (d[s.done] || due.getTime() >= now.getTime()) continue;
          const key = `whistle:${String(w._id)}:${String(d.unit)}:${s.name}:${due.toISOString()}`;
          out.push({
            key,
            kind: s.kind,
            payload: {
              notify: {
                key,
                kind: s.kind,
                allianceId: String(w.alliance),
                to: { unitIds: [String(d.unit), String(w.unit)], secretaries: true },
                params: { title: w.title, unit: await unitName(d.unit), time: dateTime(due) },
                link: `/whistles/${String(w._id)}`,
                robots: true,
              },
            },
          });
        }
      }
      if (out.length > 0) yield out;
      if (page.length < size) break;
      after = page[page.length - 1]!._id;
    }
  }
}
