import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { requireTenant } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { areaTree, placePostcode, type AreaNode } from './index.js';

const AreaKind = Type.Union([
  Type.Literal('municipality'),
  Type.Literal('core'),
  Type.Literal('district'),
  Type.Literal('neighbourhood'),
]);
const AreaNodeSchema = Type.Recursive(
  (Self) =>
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      kind: AreaKind,
      code: Type.Union([Type.String(), Type.Null()], {
        description: 'CBS code: GMxxxx, WKxxxxxx or BUxxxxxxxx',
      }),
      name: Type.String(),
      postcodes: Type.Array(Type.String()),
      children: Type.Array(Self),
    }),
  { $id: 'AreaNode' },
);
const TenantQuery = Type.Object({
  tenant: Type.Optional(Type.String({ description: 'Tenant slug, e.g. buch' })),
});
const PlaceQuery = Type.Object({
  tenant: Type.Optional(Type.String()),
  postcode: Type.String({ minLength: 4, maxLength: 7, description: 'Dutch postcode, e.g. 1931 AB or 1931' }),
});
const PathItem = Type.Object({
  id: Type.String(),
  kind: AreaKind,
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
});

export function registerAreaRoutes(app: FastifyInstance, db: Database): void {
  app.get(
    '/api/v1/areas',
    {
      config: { access: 'public' },
      schema: {
        tags: ['areas'],
        summary: 'The area tree of a tenant: municipalities, cores, districts, neighbourhoods',
        querystring: TenantQuery,
        response: { 200: Type.Object({ areas: Type.Array(AreaNodeSchema) }) },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const areas: AreaNode[] = await db.tenant(tenant.id, (tx) => areaTree(tx));
      return { areas };
    },
  );
  app.get(
    '/api/v1/areas/place',
    {
      config: { access: 'public' },
      schema: {
        tags: ['areas'],
        summary: 'Place a postcode in the most specific known area',
        querystring: PlaceQuery,
        response: { 200: Type.Object({ postcode: Type.String(), path: Type.Array(PathItem) }) },
      },
    },
    async (req) => {
      const tenant = requireTenant(req);
      const { postcode } = req.query as Static<typeof PlaceQuery>;
      const placed = await db.tenant(tenant.id, (tx) => placePostcode(tx, postcode));
      if (!placed)
        throw new AppError('not_found', 'Deze postcode ligt niet in een gebied van deze gemeente.');
      return { postcode, path: placed.path };
    },
  );
}
