// Referral pathways (doorverwijskaarten): per theme, steps from light to heavy. Each step points at directory
// offers by taxonomy terms or by name and resolves, for a resident's postcode, to the nearest fitting offers.
// Coordinators save a new version; referrals keep the version they were made with.
import { recordAccess, type Actor } from '../../platform/audit/index.js';
import type { TenantTx } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import { compileService, listTaxonomyTerms, searchServices } from '../directory/index.js';
import type { Texts } from './messages.js';
import { currentPathways, insertPathway, latestVersion, pathwayById, type PathwayRow } from './queries.js';
import { stepLevels, stepTargets, type PathwayStep, type StepLevel, type StepTarget } from './tables.js';

export interface PathwayInput {
  key: string;
  theme: string;
  title: string;
  summary: string;
  follow_up_weeks?: number[];
  steps: {
    level: StepLevel;
    title: string;
    description?: string;
    target?: StepTarget;
    taxonomy_term_ids?: string[];
    service_ids?: string[];
    evaluate_after_weeks?: number | null;
  }[];
}

const iso = (d: Date) => d.toISOString();
const keyPattern = /^[a-z0-9][a-z0-9-]{1,59}$/;

export function pathwayView(p: PathwayRow) {
  return {
    id: p.id,
    key: p.key,
    version: p.version,
    theme: p.theme,
    title: p.title,
    summary: p.summary,
    follow_up_weeks: p.followUpWeeks,
    created_at: iso(p.createdAt),
    steps: p.steps.map((s, i) => ({
      position: i + 1,
      level: s.level,
      title: s.title,
      description: s.description,
      target: s.target,
      taxonomy_term_ids: s.taxonomyTermIds,
      service_ids: s.serviceIds,
      evaluate_after_weeks: s.evaluateAfterWeeks,
    })),
  };
}
export type PathwayView = ReturnType<typeof pathwayView>;

export async function listPathways(tx: TenantTx, theme?: string): Promise<PathwayView[]> {
  const all = await currentPathways(tx);
  return all.filter((p) => !theme || p.theme === theme).map(pathwayView);
}

/** All taxonomy terms of the directory by id (a few hundred at most). */
async function termIndex(
  tx: TenantTx,
): Promise<Map<string, { code: string; name: string; taxonomy: string }>> {
  const page = await listTaxonomyTerms(tx, {}, { page: 1, perPage: 200 });
  return new Map(
    page.contents.map((t) => [
      String(t.id),
      { code: String(t.code ?? ''), name: String(t.name ?? ''), taxonomy: String(t.taxonomy ?? '') },
    ]),
  );
}

/** Term ids for codes such as "thema:eenzaamheid" (used by the demo and the coordinators' form). */
export async function termIdsByCode(tx: TenantTx): Promise<Map<string, string>> {
  const index = await termIndex(tx);
  return new Map([...index].map(([id, t]) => [`${t.taxonomy}:${t.code}`, id]));
}

/** Saves a pathway as a new version of its key (version 1 when the key is new). */
export async function savePathway(
  tx: TenantTx,
  actor: Actor,
  texts: Texts,
  input: PathwayInput,
  now: Date,
): Promise<PathwayView> {
  const errors: FieldError[] = [];
  const key = input.key.trim().toLowerCase();
  if (!keyPattern.test(key)) errors.push({ field: 'key', message: texts('field.key') });
  if (!input.title.trim()) errors.push({ field: 'title', message: texts('field.title') });
  if (!input.steps.length || input.steps.length > 8)
    errors.push({ field: 'steps', message: texts('field.steps') });
  const terms = await termIndex(tx);
  const steps: PathwayStep[] = [];
  for (const [i, s] of input.steps.entries()) {
    const termIds = (s.taxonomy_term_ids ?? []).map((id) => id.toLowerCase());
    const serviceIds = (s.service_ids ?? []).map((id) => id.toLowerCase());
    const target = s.target ?? 'offers';
    if (!s.title.trim()) errors.push({ field: `steps.${i}.title`, message: texts('field.stepTitle') });
    if (!stepLevels.includes(s.level) || !stepTargets.includes(target))
      errors.push({ field: `steps.${i}.level`, message: texts('field.invalid') });
    termIds.forEach((id, j) => {
      if (!terms.has(id))
        errors.push({ field: `steps.${i}.taxonomy_term_ids.${j}`, message: texts('field.stepTerm') });
    });
    for (const [j, id] of serviceIds.entries()) {
      if (!(await compileService(tx, id)))
        errors.push({ field: `steps.${i}.service_ids.${j}`, message: texts('field.stepOffer') });
    }
    if (target === 'offers' && !termIds.length && !serviceIds.length)
      errors.push({ field: `steps.${i}.taxonomy_term_ids`, message: texts('field.stepEmpty') });
    steps.push({
      level: s.level,
      title: s.title.trim(),
      description: (s.description ?? '').trim(),
      target,
      taxonomyTermIds: termIds,
      serviceIds,
      evaluateAfterWeeks: s.evaluate_after_weeks ?? null,
    });
  }
  if (errors.length) throw new AppError('validation', undefined, errors);
  const row = await insertPathway(tx, {
    tenantId: actor.tenantId,
    key,
    version: (await latestVersion(tx, key)) + 1,
    theme: input.theme.trim(),
    title: input.title.trim(),
    summary: input.summary.trim(),
    steps,
    followUpWeeks: input.follow_up_weeks ?? [],
    createdAt: now,
    createdBy: actor.userId,
  });
  await recordAccess(tx, actor, { action: 'create', recordType: 'referral-pathway', recordId: row.id });
  return pathwayView(row);
}

export interface ResolvedOffer {
  id: string;
  name: string;
  organization: string | null;
  place: string | null;
  distance_km: number | null;
  access: string | null;
}

function offerOf(
  s: Awaited<ReturnType<typeof compileService>> & object,
  distanceKm: number | null,
): ResolvedOffer {
  const address = s.service_at_locations?.[0]?.location?.addresses?.[0];
  const access = (s.attributes ?? []).find((a) => a.taxonomy_term?.taxonomy === 'toegang');
  return {
    id: s.id,
    name: s.name,
    organization: s.organization?.name ?? null,
    place: address?.city ?? null,
    distance_km: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
    access: access?.taxonomy_term?.code ?? null,
  };
}

/**
 * The pathway with, per step, the named offers and then the nearest offers carrying all its terms (near the
 * postcode when given). Inactive offers are left out.
 */
export async function resolvePathway(
  tx: TenantTx,
  id: string,
  opts: { postcode?: string; perStep?: number; notFound: string },
) {
  const p = await pathwayById(tx, id);
  if (!p) throw new AppError('not_found', opts.notFound);
  const terms = await termIndex(tx);
  const steps = [];
  for (const [i, s] of p.steps.entries()) {
    const offers: ResolvedOffer[] = [];
    for (const sid of s.serviceIds) {
      const service = await compileService(tx, sid);
      if (service && service.status === 'active') offers.push(offerOf(service, null));
    }
    if (s.target === 'offers' && s.taxonomyTermIds.length) {
      const found = await searchServices(tx, {
        taxonomyTermIds: s.taxonomyTermIds,
        ...(opts.postcode ? { near: opts.postcode } : {}),
        perPage: opts.perStep ?? 3,
      });
      for (const hit of found.hits)
        if (!offers.some((o) => o.id === hit.service.id) && hit.service.status === 'active')
          offers.push(offerOf(hit.service, hit.distanceKm));
    }
    steps.push({
      position: i + 1,
      level: s.level,
      title: s.title,
      description: s.description,
      target: s.target,
      evaluate_after_weeks: s.evaluateAfterWeeks,
      terms: s.taxonomyTermIds.map((t) => terms.get(t)?.name ?? t),
      offers,
    });
  }
  return { ...pathwayView(p), steps };
}
export type ResolvedPathway = Awaited<ReturnType<typeof resolvePathway>>;
