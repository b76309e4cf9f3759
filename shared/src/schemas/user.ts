import { z } from 'zod';
import { IdSchema, NameSchema, RefSchema } from './common.js';
import { MemberRoleSchema } from './alliance.js';
import { ActiveFilterSchema, UnitSchema } from './unit.js';

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

/** A phone number as people write it: digits, spaces, +, -, parentheses; empty means none. */
export const PhoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9+()\- ]*$/, 'digits, spaces, + - ( ) only');

/**
 * `POST /api/users`. Without `password` the server makes a one-time password, answers it once
 * (`oneTimePassword`) and the person must change it at first login — the way the setup screen
 * creates people. An API client that sets `password` itself gets no forced change.
 */
export const UserCreateSchema = z.object({
  name: NameSchema,
  login: LoginNameSchema,
  password: PasswordSchema.optional(),
  unit: IdSchema.optional(),
  phone: PhoneSchema.optional(),
  email: z.email().max(200).optional(),
  isAdmin: z.boolean().default(false),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

/** The person-creating form of the setup screen: empty phone and email mean none. */
export const UserCreateFormSchema = UserCreateSchema.pick({ name: true, login: true, unit: true }).extend({
  unit: IdSchema,
  phone: PhoneSchema,
  email: z.union([z.literal(''), z.email().max(200)]),
});

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});

/**
 * `POST /api/users/:id/password`. Without `newPassword` the server makes a one-time password,
 * answers it once and the person must change it at next login; with one (API clients) it is set
 * as given, with no forced change.
 */
export const PasswordResetSchema = z.object({ newPassword: PasswordSchema.optional() });

/** The answer that carries a one-time password: shown once, never stored in clear. */
export const OneTimePasswordSchema = z.object({ oneTimePassword: z.string().min(PASSWORD_MIN_LENGTH) });
export type OneTimePassword = z.infer<typeof OneTimePasswordSchema>;

/** The ask for a password change the person must make before doing anything else. */
export const ChangePasswordFormSchema = PasswordChangeSchema.extend({ confirmPassword: z.string().min(1) }).refine(
  (v) => v.newPassword === v.confirmPassword,
  { path: ['confirmPassword'], message: 'the two new passwords differ' },
).refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'must differ from the current password' });

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
  /** `false` once deactivated (停用): cannot log in, not offered as representative or secretary. */
  active: z.boolean().default(true),
});
export type User = z.infer<typeof UserSchema>;

/** `POST /api/users` answers the user, and the one-time password when the server made one. */
export const UserCreatedSchema = UserSchema.extend({ oneTimePassword: z.string().optional() });

/** `GET /api/users?q=&unit=&status=`: login or name search, one unit, active people by default. */
export const UserListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  unit: IdSchema.optional(),
  status: ActiveFilterSchema,
});

/** One row of the people screen: the person, their unit, and the alliances they represent a unit in. */
export const PersonSchema = UserSchema.extend({
  unitName: z.string().nullable(),
  mustChangePassword: z.boolean(),
  represents: z.array(z.object({ alliance: RefSchema, unit: RefSchema })),
});
export type Person = z.infer<typeof PersonSchema>;

/** What the viewer may do on the setup screens (units, people): the server decides. */
export const SetupAbilitiesSchema = z.object({
  /** See the units list and create units (admins and secretaries). */
  createUnits: z.boolean(),
  /** Edit, deactivate and reactivate units (admins). */
  manageUnits: z.boolean(),
  /** See people (admins: everyone; secretaries: their alliances' units) and create them. */
  people: z.boolean(),
});
export type SetupAbilities = z.infer<typeof SetupAbilitiesSchema>;

/** `GET /api/me`: the user, their unit, and their alliances with their roles in each. */
export const MeSchema = z.object({
  /** `mustChangePassword`: a first or reset one-time password; nothing else until it is changed. */
  user: UserSchema.extend({ isAdmin: z.boolean(), mustChangePassword: z.boolean().default(false) }),
  setup: SetupAbilitiesSchema.default({ createUnits: false, manageUnits: false, people: false }),
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
  /** Whether this user may found an alliance (新建联合体), as the server's policy decides. */
  canCreateAlliance: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;
