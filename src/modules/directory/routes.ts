// The read-only HSDS 3.0 API of the directory. Public: the sociale kaart is open information. The tenant
// comes from ?tenant=<slug> (or the host name); search over services is a separate endpoint.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { requireTenant } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { compileService } from './hsds-export.js';
import {
  listOrganizations,
  listServiceAtLocations,
  listTaxonomies,
  listTaxonomyTerms,
  organizationWithServices,
} from './lists.js';
import {
  CompiledServiceSchema,
  IdParams,
  OrganizationSchema,
  OrganizationWithServicesSchema,
  PageOf,
  PageQuery,
  ServiceAtLocationItemSchema,
  TaxonomySchema,
  TaxonomyTermSchema,
  TaxonomyTermsQuery,
  TenantQuery,
} from './schemas.js';

const tags = ['directory'];

export function registerDirectoryRoutes(app: FastifyInstance, db: Database): void {
  app.get(
    '/api/v1/services/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One offer as an HSDS 3.0 compiled service: organization, locations, schedules, terms',
        params: IdParams,
        querystring: TenantQuery,
        response: { 200: CompiledServiceSchema },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      const service = await db.tenant(tenant.id, (tx) => compileService(tx, id));
      if (!service) throw new AppError('not_found', 'Dit aanbod staat niet (meer) in de sociale kaart.');
      return service;
    },
  );

  app.get(
    '/api/v1/organizations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Providers (HSDS organizations), by name',
        querystring: PageQuery,
        response: { 200: PageOf(OrganizationSchema, 'page of organizations') },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof PageQuery>;
      return db.tenant(tenant.id, (tx) => listOrganizations(tx, { page: q.page, perPage: q.per_page }));
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One provider with the main fields of its offers',
        params: IdParams,
        querystring: TenantQuery,
        response: { 200: OrganizationWithServicesSchema },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const { id } = req.params as Static<typeof IdParams>;
      const organization = await db.tenant(tenant.id, (tx) => organizationWithServices(tx, id));
      if (!organization) throw new AppError('not_found', 'Deze organisatie staat niet in de sociale kaart.');
      return organization;
    },
  );

  app.get(
    '/api/v1/taxonomies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Classification schemes, e.g. thema, positieve-gezondheid, doelgroep, soort-aanbod, toegang',
        querystring: PageQuery,
        response: { 200: PageOf(TaxonomySchema, 'page of taxonomies') },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof PageQuery>;
      return db.tenant(tenant.id, (tx) => listTaxonomies(tx, { page: q.page, perPage: q.per_page }));
    },
  );

  app.get(
    '/api/v1/taxonomy_terms',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Terms of the classification schemes, optionally of one taxonomy or under one parent term',
        querystring: TaxonomyTermsQuery,
        response: { 200: PageOf(TaxonomyTermSchema, 'page of taxonomy terms') },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof TaxonomyTermsQuery>;
      return db.tenant(tenant.id, (tx) =>
        listTaxonomyTerms(
          tx,
          { taxonomyId: q.taxonomy_id, parentId: q.parent_id },
          { page: q.page, perPage: q.per_page },
        ),
      );
    },
  );

  app.get(
    '/api/v1/service_at_locations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Where offers take place: each service_at_location with its location and its service',
        querystring: PageQuery,
        response: { 200: PageOf(ServiceAtLocationItemSchema, 'page of service_at_locations') },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const q = req.query as Static<typeof PageQuery>;
      return db.tenant(tenant.id, (tx) => listServiceAtLocations(tx, { page: q.page, perPage: q.per_page }));
    },
  );
}
