import { Type, type Static } from '@sinclair/typebox';
import { roles } from './permissions.js';

export const RoleSchema = Type.Union(
  roles.map((r) => Type.Literal(r)),
  { description: 'Role code as in PRODUCT.md' },
);

const Email = Type.String({ format: 'email', maxLength: 254 });
const TotpCode = Type.String({
  pattern: '^[0-9]{6}$',
  description: 'Six-digit code from the authenticator app',
});

export const LoginBody = Type.Object(
  {
    tenant: Type.String({ minLength: 1, maxLength: 40, description: 'Tenant slug, e.g. buch' }),
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    totp: Type.Optional(TotpCode),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionUserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tenant: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleSchema),
  effectiveRoles: Type.Array(RoleSchema, {
    description:
      'Roles in force now; roles that read case files are left out until required two-factor login is set up',
  }),
  twoFactorEnabled: Type.Boolean(),
  twoFactorRequired: Type.Boolean(),
});

export const LoginResponse = Type.Object({ user: SessionUserSchema, csrfToken: Type.String() });

export const ResetRequestBody = Type.Object(
  { tenant: Type.String({ minLength: 1, maxLength: 40 }), email: Email },
  { additionalProperties: false },
);
export const ResetCompleteBody = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const ProfileSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  roles: Type.Array(RoleSchema),
  twoFactorEnabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30, pattern: '^[0-9 +()-]*$' }), Type.Null()])),
    locale: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SessionItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  method: Type.String(),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean(),
});

export const AuditItem = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRoles: Type.Array(Type.String()),
  action: Type.String(),
  recordType: Type.String(),
  recordId: Type.String(),
  subjectUserId: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
});

export const TotpSetupResponse = Type.Object({
  secret: Type.String({ description: 'Base32 secret to type into an authenticator app' }),
  otpauthUrl: Type.String(),
});
export const TotpCodeBody = Type.Object({ code: TotpCode }, { additionalProperties: false });

export const UserListItemSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleSchema),
  twoFactorEnabled: Type.Boolean(),
  locked: Type.Boolean(),
});

export const NewUserBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 10 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const RolesBody = Type.Object(
  { roles: Type.Array(RoleSchema, { maxItems: 10 }) },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const AuditQuery = Type.Object({
  recordType: Type.Optional(Type.String({ maxLength: 60 })),
  recordId: Type.Optional(Type.String({ maxLength: 100 })),
  actorUserId: Type.Optional(Type.String({ format: 'uuid' })),
  subjectUserId: Type.Optional(Type.String({ format: 'uuid' })),
  from: Type.Optional(Type.String({ format: 'date' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    reference: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
