import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';
import { MemberRoleSchema } from './alliance.js';
import { UnitSchema } from './unit.js';

/** Minimum length agreed for every password, set or reset. */
export const PASSWORD_MIN_LENGTH = 10;
export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(200);

export const LoginNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'letters, digits, . _ - (2–40 characters)');

export const LoginRequestSchema = z.object({
  login: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserCreateSchema = z.object({
  name: NameSchema,
  login: LoginNameSchema,
  password: PasswordSchema,
  unit: IdSchema.optional(),
  phone: z.string().trim().max(30).optional(),
  email: z.email().max(200).optional(),
  isAdmin: z.boolean().default(false),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});

export const PasswordResetSchema = z.object({ newPassword: PasswordSchema });

/** A user as every API response shows it: never a password hash. */
export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  login: z.string(),
  unit: IdSchema.nullable(),
  phone: z.string().optional(),
  email: z.string().optional(),
  /** Shown to admins and to the user themself only. */
  isAdmin: z.boolean().optional(),
});
export type User = z.infer<typeof UserSchema>;

/** `GET /api/me`: the user, their unit, and their alliances with their roles in each. */
export const MeSchema = z.object({
  user: UserSchema.extend({ isAdmin: z.boolean() }),
  unit: UnitSchema.nullable(),
  alliances: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      unitRole: MemberRoleSchema.nullable(),
      isSecretary: z.boolean(),
      /** Units this user speaks and votes for. */
      represents: z.array(IdSchema),
    }),
  ),
});
export type Me = z.infer<typeof MeSchema>;
