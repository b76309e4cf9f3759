import type { CommitteeMember, CommitteePost } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { alliancePolicy, type AllianceFacts } from '../policies/alliance.js';

export interface CommitteeFacts extends AllianceFacts {
  committee: { name: string; user?: Types.ObjectId | null; post: string; homeUnit: Types.ObjectId; title?: string | null }[];
}

/** 委员名单 as readers of the alliance see it, in the secretaries' order. */
export async function committeeView(models: Models, alliance: CommitteeFacts, actor: Actor) {
  const list = alliance.committee ?? [];
  const userIds = list.flatMap((m) => (m.user ? [m.user] : []));
  const [users, units] = await Promise.all([
    models.User.find({ _id: { $in: userIds } }, { name: 1 }).lean(),
    models.Unit.find({ _id: { $in: list.map((m) => m.homeUnit) } }, { name: 1 }).lean(),
  ]);
  const userName = new Map(users.map((u) => [String(u._id), u.name]));
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const members: CommitteeMember[] = list.map((m) => ({
    name: m.name,
    user: m.user ? { id: String(m.user), name: userName.get(String(m.user)) ?? '—' } : null,
    post: m.post as CommitteePost,
    homeUnit: { id: String(m.homeUnit), name: unitName.get(String(m.homeUnit)) ?? '—' },
    title: m.title ?? '',
  }));
  return { members, can: { manage: alliancePolicy.canManage(actor, alliance) } };
}
