import type { Notification, NotificationKind } from '@tongxin/shared';
import type { Types } from 'mongoose';

export interface NotificationLean {
  _id: Types.ObjectId;
  kind: string;
  alliance?: Types.ObjectId | null;
  params?: unknown;
  link?: string | null;
  createdAt: Date;
  readAt?: Date | null;
  quiet?: boolean | null;
  digest?: boolean | null;
}

/** A notification as its owner sees it: the words are the client's to render from kind and params. */
export function presentNotification(n: NotificationLean): Notification {
  return {
    id: String(n._id),
    kind: n.kind as NotificationKind,
    allianceId: n.alliance ? String(n.alliance) : null,
    params: (n.params ?? {}) as Notification['params'],
    link: n.link ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    quiet: n.quiet ?? false,
    digest: n.digest ?? false,
  };
}
