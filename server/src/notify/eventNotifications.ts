import type { DomainEvent } from '@tongxin/shared';
import { minutesPolicy } from '../policies/minutes.js';
import type { AppContext } from '../context.js';
import type { EventConsumer } from '../events/eventBus.js';
import { notify, type NotifyRequest } from './notifier.js';

// The action-item and minutes events share a schema each (their `type` is an enum), so they are picked by shape.
type ItemEvent = Extract<DomainEvent, { itemId: string }>;
type MinutesEvent = Extract<DomainEvent, { type: 'minutes.generated' | 'minutes.answered' | 'minutes.published' }>;

/**
 * What the 督办 cycle and the minutes tell people at once: each domain event becomes one
 * notify() to the people it concerns — the lead unit for what is asked of it, the secretaries for
 * what waits on them, every member when the minutes are out. Runs once, where the command ran;
 * keys name the occurrence (the nudge, the request, the report, the step), so a replayed event
 * notifies nobody twice.
 */
export function eventNotifications(app: AppContext): EventConsumer {
  const models = app.db.models;

  const unitName = async (id: unknown) => (await models.Unit.findById(id, { name: 1 }).lean())?.name ?? '';
  const allianceName = async (id: unknown) => (await models.Alliance.findById(id, { name: 1 }).lean())?.name ?? '';
  const userName = async (id: unknown) => (await models.User.findById(id, { name: 1 }).lean())?.name ?? '';

  async function onItem(event: ItemEvent): Promise<void> {
    const item = await models.ActionItem.findById(event.itemId).lean();
    if (!item) return;
    const base = {
      allianceId: event.allianceId,
      link: `/action-items/${event.itemId}`,
    };
    const lead = { unitIds: [String(item.leadUnit)] };
    const key = (suffix: string) => `event:${event.type}:${event.itemId}:${suffix}`;
    const send = (req: Omit<NotifyRequest, 'allianceId' | 'link'>) => notify(app, { ...base, ...req });
    const common = { title: item.title, unit: await unitName(item.leadUnit), alliance: await allianceName(item.alliance) };

    switch (event.type) {
      case 'actionItem.created':
        return send({
          key: key('assigned'),
          kind: 'item.assigned',
          to: lead,
          params: { ...common, date: item.dueDate },
          robots: true,
        });
      case 'actionItem.nudged': {
        const index = item.nudges.length - 1;
        const nudge = item.nudges[index];
        if (!nudge) return;
        return send({
          key: key(String(index)),
          kind: 'item.nudged',
          to: lead,
          params: { ...common, note: nudge.note, person: await userName(nudge.by) },
          robots: true,
        });
      }
      case 'actionItem.extensionRequested': {
        const request = [...item.extensionRequests].reverse().find((r) => r.status === 'pending') ?? item.extensionRequests.at(-1);
        if (!request) return;
        return send({
          key: key(String(request._id)),
          kind: 'item.extensionRequested',
          to: { secretaries: true },
          params: { ...common, date: request.to, note: request.reason },
        });
      }
      case 'actionItem.extensionDecided': {
        const decided = item.extensionRequests
          .filter((r) => r.status !== 'pending' && r.decidedAt)
          .sort((a, b) => b.decidedAt!.getTime() - a.decidedAt!.getTime())[0];
        if (!decided) return;
        return send({
          key: key(String(decided._id)),
          kind: 'item.extensionDecided',
          to: lead,
          // `outcome` is a word of the catalogue's `notifications.outcomes`, translated where it is shown.
          params: { ...common, outcome: decided.status, date: item.dueDate, note: decided.decisionNote ?? '' },
        });
      }
      case 'actionItem.progressReported': {
        const entry = await models.ActionItemProgress.findOne({ item: item._id }).sort({ at: -1, _id: -1 }).lean();
        if (!entry) return;
        return send({
          key: key(String(entry._id)),
          kind: 'item.progressReported',
          to: { secretaries: true },
          params: { ...common, count: entry.percent, note: entry.text },
        });
      }
      case 'actionItem.transitioned': {
        const step = await models.ActionItemStep.findOne({ item: item._id }).sort({ at: -1, _id: -1 }).lean();
        if (!step) return;
        const suffix = String(step._id);
        if (step.transition === 'submit') {
          return send({ key: key(suffix), kind: 'item.submitted', to: { secretaries: true }, params: common, robots: true });
        }
        if (step.transition === 'verify') {
          return send({ key: key(suffix), kind: 'item.verified', to: lead, params: common, robots: true });
        }
        if (step.transition === 'reopen') {
          return send({ key: key(suffix), kind: 'item.reopened', to: lead, params: { ...common, note: step.note ?? '' } });
        }
        return;
      }
      default:
        return;
    }
  }

  async function onMinutes(event: MinutesEvent): Promise<void> {
    const [meeting, alliance] = await Promise.all([
      models.Meeting.findById(event.meetingId, { title: 1 }).lean(),
      models.Alliance.findById(event.allianceId, { name: 1, memberships: 1, secretaries: 1 }).lean(),
    ]);
    if (!meeting || !alliance) return;
    const base = {
      allianceId: event.allianceId,
      link: `/meetings/${event.meetingId}/minutes`,
      params: { title: meeting.title, alliance: alliance.name },
    };
    if (event.type === 'minutes.generated') {
      return notify(app, {
        ...base,
        key: `event:minutes.generated:${event.meetingId}`,
        kind: 'minutes.generated',
        to: { unitIds: minutesPolicy.askedUnits(alliance) },
      });
    }
    if (event.type === 'minutes.published') {
      return notify(app, {
        ...base,
        key: `event:minutes.published:${event.meetingId}`,
        kind: 'minutes.published',
        to: { unitIds: alliance.memberships.map((m) => String(m.unit)), secretaries: true },
        robots: true,
      });
    }
  }

  async function handle(event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'actionItem.created':
      case 'actionItem.nudged':
      case 'actionItem.extensionRequested':
      case 'actionItem.extensionDecided':
      case 'actionItem.progressReported':
      case 'actionItem.transitioned':
        return onItem(event);
      case 'minutes.generated':
      case 'minutes.published':
        return onMinutes(event);
      default:
        return;
    }
  }

  return { name: 'eventNotifications', where: 'here', handle };
}
