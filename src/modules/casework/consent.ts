// Consent records: what of a household may be shared with which partner, for which purpose, from when to when.
// Recorded by who works on the household, withdrawn the same way (the row stays as history). Other modules
// (referrals) ask hasConsent() before a partner gets anything; it answers for a moment, so a consent that
// started later, ended, or was withdrawn does not count.
import { and, asc, eq, gte, isNull, lte, or, gt } from 'drizzle-orm';
import { recordAccess } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { requireCaseFile } from './case-file.js';
import { consents, consentScopes, type ConsentScope } from './consent.tables.js';
import { dutchDate, isCalendarDate } from './dates.js';
import { currentMembers, userRefs } from './queries.js';
import { clean, fieldError, iso, validation, type CaseworkContext } from './service.js';
import type { ConsentBody } from './team-schemas.js';

type ConsentRow = typeof consents.$inferSelect;

/**
 * Does the household's consent allow sharing with this partner for this purpose at this moment (and, when
 * given, this scope)? For other modules: they pass their own tenant transaction.
 */
export async function hasConsent(
  tx: TenantTx,
  householdId: string,
  partner: string,
  purpose: string,
  at: Date,
  scope?: ConsentScope,
): Promise<boolean> {
  const day = dutchDate(at);
  const rows = await tx
    .select({ scopes: consents.scopes })
    .from(consents)
    .where(
      and(
        eq(consents.householdId, householdId),
        eq(consents.partner, partner),
        eq(consents.purpose, purpose),
        lte(consents.validFrom, day),
        or(isNull(consents.validUntil), gte(consents.validUntil, day)),
        or(isNull(consents.withdrawnAt), gt(consents.withdrawnAt, at)),
      ),
    );
  return rows.some((r) => !scope || r.scopes.includes(scope));
}

function consentView(
  c: ConsentRow,
  people: Map<string, { id: string; name: string; email: string }>,
  now: Date,
) {
  const today = dutchDate(now);
  return {
    id: c.id,
    person_id: c.personId,
    partner: c.partner,
    purpose: c.purpose,
    scopes: c.scopes as ConsentScope[],
    valid_from: c.validFrom,
    valid_until: c.validUntil,
    recorded_at: iso(c.recordedAt),
    recorded_by: (c.recordedBy && people.get(c.recordedBy)) || null,
    withdrawn_at: c.withdrawnAt ? iso(c.withdrawnAt) : null,
    in_force: !c.withdrawnAt && c.validFrom <= today && (c.validUntil === null || c.validUntil >= today),
  };
}

export async function listConsents(tx: TenantTx, ctx: CaseworkContext, householdId: string) {
  const file = await requireCaseFile(tx, ctx, householdId);
  const rows = await tx
    .select()
    .from(consents)
    .where(eq(consents.householdId, file.household.id))
    .orderBy(asc(consents.recordedAt));
  const people = await userRefs(
    tx,
    rows.map((r) => r.recordedBy),
  );
  await recordAccess(tx, ctx.actor, { action: 'read', recordType: 'consents', recordId: file.household.id });
  return { household_id: file.household.id, consents: rows.map((r) => consentView(r, people, ctx.now)) };
}
export type ConsentList = Awaited<ReturnType<typeof listConsents>>;

export async function recordConsent(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  body: ConsentBody,
): Promise<ConsentList> {
  const file = await requireCaseFile(tx, ctx, householdId);
  const errors: FieldError[] = [];
  const partner = clean(body.partner);
  const purpose = clean(body.purpose);
  if (!partner) errors.push(fieldError('partner', ctx.texts('field.partner')));
  if (!purpose) errors.push(fieldError('purpose', ctx.texts('field.purpose')));
  const scopes = [...new Set(body.scopes)];
  if (!scopes.length || scopes.some((s) => !consentScopes.includes(s)))
    errors.push(fieldError('scopes', ctx.texts('field.scopes', { options: consentScopes.join(', ') })));
  const validFrom = body.valid_from ?? dutchDate(ctx.now);
  if (!isCalendarDate(validFrom)) errors.push(fieldError('valid_from', ctx.texts('field.date')));
  const validUntil = body.valid_until ?? null;
  if (validUntil !== null && !isCalendarDate(validUntil))
    errors.push(fieldError('valid_until', ctx.texts('field.date')));
  else if (validUntil !== null && validUntil < validFrom)
    errors.push(fieldError('valid_until', ctx.texts('field.endBeforeStart')));
  if (
    body.person_id &&
    !(await currentMembers(tx, file.household.id)).some((m) => m.person.id === body.person_id)
  )
    errors.push(fieldError('person_id', ctx.texts('field.personNotMember')));
  if (errors.length) throw validation(errors);
  const [row] = await tx
    .insert(consents)
    .values({
      tenantId: ctx.tenant.id,
      householdId: file.household.id,
      personId: body.person_id ?? null,
      partner: partner!,
      purpose: purpose!,
      scopes,
      validFrom,
      validUntil,
      recordedBy: ctx.actor.userId,
      recordedAt: ctx.now,
    })
    .returning();
  await recordAccess(tx, ctx.actor, { action: 'create', recordType: 'consent', recordId: row!.id });
  return listConsents(tx, ctx, householdId);
}

export async function withdrawConsent(
  tx: TenantTx,
  ctx: CaseworkContext,
  householdId: string,
  consentId: string,
): Promise<ConsentList> {
  const file = await requireCaseFile(tx, ctx, householdId);
  const [row] = await tx
    .update(consents)
    .set({ withdrawnAt: ctx.now, withdrawnBy: ctx.actor.userId })
    .where(
      and(
        eq(consents.id, consentId),
        eq(consents.householdId, file.household.id),
        isNull(consents.withdrawnAt),
      ),
    )
    .returning({ id: consents.id });
  if (!row) throw new AppError('not_found', ctx.texts('problem.consentNotFound'));
  await recordAccess(tx, ctx.actor, { action: 'update', recordType: 'consent', recordId: row.id });
  return listConsents(tx, ctx, householdId);
}
