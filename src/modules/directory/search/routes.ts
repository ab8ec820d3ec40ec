// GET /api/v1/services: HSDS's list of services with its search and filters, plus our extensions for where
// the person lives, age, opening days, cost, access route and accessibility. Public: the sociale kaart is
// open information. The tenant comes from ?tenant=<slug> (or the host name).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../platform/db/index.js';
import { requireTenant } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { DEFAULT_PER_PAGE, pageOf } from '../lists.js';
import { CompiledServiceSchema, PageOf } from '../schemas.js';
import { searchTenantServices, SEARCH_TEXT_LIMIT } from './index.js';

const accessCodes = ['vrij-toegankelijk', 'aanmelden', 'verwijzing-nodig', 'indicatie-nodig'] as const;

export const ServiceSearchQuery = Type.Object({
  tenant: Type.Optional(Type.String({ description: 'Tenant slug, e.g. buch' })),
  search: Type.Optional(
    Type.String({
      description:
        `What the person is looking for, in their own words ("ik zie bijna nooit iemand", "schuldn heiloo"). ` +
        `Dutch stemming, typo tolerance and a vocabulary of situations; a village or postcode in it counts as ` +
        `"near". Only the first ${SEARCH_TEXT_LIMIT} characters are read.`,
    }),
  ),
  taxonomy_term_id: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Only offers with this term (UUID); repeat for more, which must all apply (AND)',
    }),
  ),
  taxonomy_id: Type.Optional(Type.String({ description: 'Only offers with a term of this taxonomy (UUID)' })),
  organization_id: Type.Optional(Type.String({ description: 'Only offers of this provider (UUID)' })),
  modified_after: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only offers changed after this moment' }),
  ),
  page: Type.Optional(
    Type.Integer({ minimum: 1, default: 1, description: 'Page number, the first page is 1' }),
  ),
  per_page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_PER_PAGE, description: 'Items per page' }),
  ),
  near: Type.Optional(
    Type.String({
      description:
        'Where the person lives: a place name or postcode of the tenant ("Egmond aan Zee", "1931", "1931 AB"). ' +
        'Orders by distance and fills distance_km; an unknown place gives a warning and no distance order.',
    }),
  ),
  lat: Type.Optional(
    Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, with lon, instead of near' }),
  ),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, with lat' })),
  radius_km: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 1000,
      description: 'Only offers within this distance of near or lat/lon',
    }),
  ),
  min_age: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 150,
      description: "The person's age range: offers whose age range overlaps",
    }),
  ),
  max_age: Type.Optional(Type.Number({ minimum: 0, maximum: 150 })),
  open: Type.Optional(
    Type.Union([Type.Literal('today'), Type.Literal('this-week')], {
      description: 'Offers that take place today, or today or in the six days after (Europe/Amsterdam)',
    }),
  ),
  free: Type.Optional(Type.Boolean({ description: 'true: only free offers' })),
  access: Type.Optional(
    Type.Union(
      accessCodes.map((c) => Type.Literal(c)),
      { description: 'Access route (toegang): ' + accessCodes.join(', ') },
    ),
  ),
  wheelchair: Type.Optional(
    Type.Boolean({ description: 'true: only locations that are wheelchair accessible' }),
  ),
  area: Type.Optional(
    Type.String({
      description: 'Only offers located in this village, core or municipality ("Egmond", "gemeente Bergen")',
    }),
  ),
});

export const ServiceHitSchema = Type.Intersect(
  [
    CompiledServiceSchema,
    Type.Object({
      distance_km: Type.Optional(
        Type.Union([Type.Number(), Type.Null()], {
          description: 'Distance from near or lat/lon to the nearest location, in km (with near or lat/lon)',
        }),
      ),
      match_reason: Type.Optional(
        Type.String({
          description: 'Why it matched, in B1 Dutch: "Past bij: eenzaamheid · vrij toegankelijk · 1,2 km"',
        }),
      ),
    }),
  ],
  { additionalProperties: true, title: 'service found' },
);

const Warning = Type.Object({
  code: Type.Union([Type.Literal('place_not_found'), Type.Literal('area_not_found')]),
  message: Type.String({ description: 'For people, in Dutch' }),
});

const page = PageOf(ServiceHitSchema, 'page of services');
export const ServiceSearchPage = Type.Object(
  {
    ...page.properties,
    warnings: Type.Optional(
      Type.Array(Warning, {
        description:
          'Problems with the query that do not stop it, e.g. a near place the tenant does not have ' +
          '(the results then have no distance order)',
      }),
    ),
    place: Type.Optional(
      Type.Object(
        { name: Type.String(), lat: Type.Number(), lon: Type.Number() },
        { description: 'Where near (or a place named in search) was taken to be' },
      ),
    ),
    understood: Type.Optional(
      Type.Object(
        { themes: Type.Array(Type.String()), target_groups: Type.Array(Type.String()) },
        { description: 'Theme and target-group codes the vocabulary recognised in search' },
      ),
    ),
  },
  { title: 'page of services' },
);

export function registerSearchRoutes(app: FastifyInstance, db: Database): void {
  app.get(
    '/api/v1/services',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary:
          'Offers: search in residents’ own words and filter (HSDS plus near, age, open, free, access)',
        querystring: ServiceSearchQuery,
        response: { 200: ServiceSearchPage },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof ServiceSearchQuery>;
      if ((q.lat === undefined) !== (q.lon === undefined))
        throw new AppError('validation', 'Geef lat en lon allebei, of geen van beide.', [
          { field: q.lat === undefined ? 'lat' : 'lon', message: 'field.required' },
        ]);
      const perPage = q.per_page ?? DEFAULT_PER_PAGE;
      const result = await searchTenantServices(db, tenant.id, {
        text: q.search,
        taxonomyTermIds: q.taxonomy_term_id,
        taxonomyId: q.taxonomy_id,
        organizationId: q.organization_id,
        modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined,
        near: q.near,
        lat: q.lat,
        lon: q.lon,
        radiusKm: q.radius_km,
        minAge: q.min_age,
        maxAge: q.max_age,
        open: q.open,
        free: q.free,
        access: q.access,
        wheelchair: q.wheelchair,
        area: q.area,
        page: q.page,
        perPage,
      });
      const measured = result.place !== undefined || q.lat !== undefined;
      const contents = result.hits.map((h) => ({
        ...h.service,
        ...(measured ? { distance_km: h.distanceKm } : {}),
        ...(h.matchReason ? { match_reason: h.matchReason } : {}),
      }));
      return {
        ...pageOf(result.total, { page: q.page, perPage }, contents),
        ...(result.warnings ? { warnings: result.warnings } : {}),
        ...(result.place ? { place: result.place } : {}),
        ...(result.understood
          ? {
              understood: {
                themes: result.understood.themes,
                target_groups: result.understood.targetGroups,
              },
            }
          : {}),
      };
    },
  );
}
