CREATE TABLE "search_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_versions" ADD CONSTRAINT "search_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The search keeps each tenant's index in memory and asks for this version on every search: any change to
-- the offers (their parts, classifications, the index) or to the tenant's places gives a new one. A change
-- made outside a tenant (seeding, the CLI as owner) renews every tenant's version.
CREATE OR REPLACE FUNCTION wijkkracht_search_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE t uuid := wijkkracht_current_tenant();
BEGIN
  IF t IS NULL THEN
    INSERT INTO search_versions (tenant_id, version) SELECT id, gen_random_uuid() FROM tenants
      ON CONFLICT (tenant_id) DO UPDATE SET version = excluded.version;
  ELSE
    INSERT INTO search_versions (tenant_id, version) VALUES (t, gen_random_uuid())
      ON CONFLICT (tenant_id) DO UPDATE SET version = excluded.version;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'services', 'locations', 'service_at_locations', 'addresses',
    'contacts', 'phones', 'schedules', 'languages', 'accessibility', 'cost_options', 'service_areas',
    'taxonomies', 'taxonomy_terms', 'attributes', 'search_documents', 'search_words', 'places', 'areas']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION wijkkracht_search_changed()', t || '_search_changed', t);
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO search_versions (tenant_id, version) SELECT id, gen_random_uuid() FROM tenants;
