import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';
import { NOTIFICATION_KINDS, NotificationKindSchema, type NotificationKind } from './notification.js';

/**
 * 群机器人: a chat group's webhook (企业微信 group robot, 钉钉 custom robot, 飞书 custom bot) that
 * receives the alliance's or a unit's notifications, so that people who live in their work chat
 * see a deadline or a new action item where they already look.
 */
export const ROBOT_PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const;
export const RobotPlatformSchema = z.enum(ROBOT_PLATFORMS);
export type RobotPlatform = z.infer<typeof RobotPlatformSchema>;

/** What a new robot wants to hear when nobody ticks otherwise: the things a group acts on. */
export const DEFAULT_ROBOT_KINDS: readonly NotificationKind[] = [
  'meeting.in24h',
  'item.assigned',
  'item.dueSoon',
  'item.overdue',
  'item.verified',
  'minutes.published',
];

/** The webhook address as typed: an absolute http(s) URL. Whether http is allowed is the server's call (https in production). */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .max(1_000)
  // shared/ has no URL class (no DOM or Node types): scheme, a host, then no spaces.
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?(\?[^\s]*)?$/i, 'must be a web address starting with https://');

/** The 加签 secret: printable, no spaces (钉钉 shows one starting with SEC…). */
export const RobotSecretSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7E]+$/, 'must be printable characters without spaces');

const KindsSchema = z
  .array(NotificationKindSchema)
  .max(NOTIFICATION_KINDS.length)
  .transform((ks) => [...new Set(ks)]);

export const RobotCreateSchema = z.object({
  platform: RobotPlatformSchema,
  name: NameSchema,
  /** A member unit's group (null: the alliance's own group). */
  unitId: IdSchema.nullable().default(null),
  webhookUrl: WebhookUrlSchema,
  secret: RobotSecretSchema.optional(),
  kinds: KindsSchema.default([...DEFAULT_ROBOT_KINDS]),
  enabled: z.boolean().default(true),
});
export type RobotCreate = z.input<typeof RobotCreateSchema>;

/** `secret`: absent keeps it, a string replaces it, null removes it. */
export const RobotPatchSchema = z
  .object({
    platform: RobotPlatformSchema,
    name: NameSchema,
    webhookUrl: WebhookUrlSchema,
    secret: RobotSecretSchema.nullable(),
    kinds: KindsSchema,
    enabled: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type RobotPatch = z.input<typeof RobotPatchSchema>;

/** A robot as its managers see it: the secret itself never leaves the server, only whether one is set. */
export const RobotSchema = z.object({
  id: IdSchema,
  allianceId: IdSchema,
  unit: z.object({ id: IdSchema, name: z.string() }).nullable(),
  platform: RobotPlatformSchema,
  name: z.string(),
  /**
   * Where it posts, with what grants posting hidden (the key in the query, a token in the path,
   * all but their last four characters): the full address, like the secret, never leaves the server.
   */
  webhookHint: z.string(),
  secretSet: z.boolean(),
  kinds: z.array(NotificationKindSchema),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type Robot = z.infer<typeof RobotSchema>;
export const RobotListSchema = z.object({ items: z.array(RobotSchema) });

/** What the platform answered: the HTTP status and the first 500 characters of its body. */
export const RobotAnswerSchema = z.object({ status: z.number().int(), body: z.string() });
export type RobotAnswer = z.infer<typeof RobotAnswerSchema>;

/** `POST /api/robots/:id/test`: whether the platform took the message, and what it said. */
export const RobotTestResultSchema = z.object({ ok: z.boolean(), answer: RobotAnswerSchema });
export type RobotTestResult = z.infer<typeof RobotTestResultSchema>;

export const ROBOT_DELIVERY_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export const RobotDeliveryStateSchema = z.enum(ROBOT_DELIVERY_STATES);
export type RobotDeliveryState = z.infer<typeof RobotDeliveryStateSchema>;

/** One message to one robot (推送记录). */
export const RobotDeliverySchema = z.object({
  id: IdSchema,
  robot: z.object({ id: IdSchema, name: z.string(), platform: RobotPlatformSchema }).nullable(),
  kind: z.string(),
  title: z.string(),
  state: RobotDeliveryStateSchema,
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastAnswer: RobotAnswerSchema.nullable(),
});
export type RobotDelivery = z.infer<typeof RobotDeliverySchema>;

/** Newest first; `nextCursor` fetches the older ones. */
export const RobotDeliveryPageSchema = z.object({ items: z.array(RobotDeliverySchema), nextCursor: IdSchema.nullable() });
export type RobotDeliveryPage = z.infer<typeof RobotDeliveryPageSchema>;

export const RobotDeliveryQuerySchema = z.object({
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
