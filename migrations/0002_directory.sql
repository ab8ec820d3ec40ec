CREATE TABLE "accessibility" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"details" text,
	"url" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "accessibility_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"attention" text,
	"address_1" text NOT NULL,
	"address_2" text,
	"city" text NOT NULL,
	"region" text,
	"state_province" text NOT NULL,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"address_type" text NOT NULL,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "addresses_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "addresses_type" CHECK ("addresses"."address_type" in ('physical', 'postal', 'virtual'))
);
--> statement-breakpoint
CREATE TABLE "attributes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"link_id" uuid NOT NULL,
	"taxonomy_term_id" uuid NOT NULL,
	"link_type" text,
	"link_entity" text,
	"value" text,
	"label" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "attributes_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "attributes_parent" CHECK ("attributes"."parent_type" in ('service', 'service_at_location', 'location'))
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"location_id" uuid,
	"name" text,
	"title" text,
	"department" text,
	"email" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "contacts_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contacts_parent" CHECK (("contacts"."parent_type" = 'service' and "contacts"."service_id" is not null)
       or ("contacts"."parent_type" = 'service_at_location' and "contacts"."service_at_location_id" is not null)
       or ("contacts"."parent_type" = 'location' and "contacts"."location_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "cost_options" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"option" text,
	"currency" text,
	"amount" numeric,
	"amount_description" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "cost_options_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "languages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"phone_id" uuid,
	"name" text,
	"code" text,
	"note" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "languages_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "languages_parent" CHECK (("languages"."parent_type" = 'service' and "languages"."service_id" is not null)
       or ("languages"."parent_type" = 'location' and "languages"."location_id" is not null)
       or ("languages"."parent_type" = 'phone' and "languages"."phone_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_type" text NOT NULL,
	"url" text,
	"organization_id" uuid,
	"name" text,
	"alternate_name" text,
	"description" text,
	"transportation" text,
	"latitude" double precision,
	"longitude" double precision,
	"external_identifier" text,
	"external_identifier_type" text,
	"extra" jsonb,
	CONSTRAINT "locations_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "locations_type" CHECK ("locations"."location_type" in ('physical', 'postal', 'virtual')),
	CONSTRAINT "locations_latitude" CHECK ("locations"."latitude" is null or "locations"."latitude" between -90 and 90),
	CONSTRAINT "locations_longitude" CHECK ("locations"."longitude" is null or "locations"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text,
	"email" text,
	"website" text,
	"tax_status" text,
	"tax_id" text,
	"year_incorporated" integer,
	"legal_status" text,
	"logo" text,
	"uri" text,
	"parent_organization_id" uuid,
	"extra" jsonb,
	CONSTRAINT "organizations_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "phones" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"location_id" uuid,
	"service_id" uuid,
	"organization_id" uuid,
	"contact_id" uuid,
	"service_at_location_id" uuid,
	"number" text NOT NULL,
	"extension" integer,
	"type" text,
	"description" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "phones_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "phones_parent" CHECK (("phones"."parent_type" = 'service' and "phones"."service_id" is not null)
       or ("phones"."parent_type" = 'service_at_location' and "phones"."service_at_location_id" is not null)
       or ("phones"."parent_type" = 'location' and "phones"."location_id" is not null)
       or ("phones"."parent_type" = 'contact' and "phones"."contact_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"dtstart" date,
	"timezone" double precision,
	"until" date,
	"count" integer,
	"wkst" text,
	"freq" text,
	"interval" integer,
	"byday" text,
	"byweekno" text,
	"bymonthday" text,
	"byyearday" text,
	"description" text,
	"opens_at" text,
	"closes_at" text,
	"schedule_link" text,
	"attending_type" text,
	"notes" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "schedules_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "schedules_parent" CHECK (("schedules"."parent_type" = 'service' and "schedules"."service_id" is not null)
       or ("schedules"."parent_type" = 'service_at_location' and "schedules"."service_at_location_id" is not null)
       or ("schedules"."parent_type" = 'location' and "schedules"."location_id" is not null)),
	CONSTRAINT "schedules_freq" CHECK ("schedules"."freq" is null or "schedules"."freq" in ('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'))
);
--> statement-breakpoint
CREATE TABLE "service_areas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"name" text,
	"description" text,
	"extent" text,
	"extent_type" text,
	"uri" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "service_areas_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_areas_parent" CHECK (("service_areas"."parent_type" = 'service' and "service_areas"."service_id" is not null)
       or ("service_areas"."parent_type" = 'service_at_location' and "service_areas"."service_at_location_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "service_at_locations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"position" integer NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "service_at_locations_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text,
	"url" text,
	"email" text,
	"status" text NOT NULL,
	"interpretation_services" text,
	"application_process" text,
	"fees_description" text,
	"wait_time" text,
	"fees" text,
	"accreditations" text,
	"eligibility_description" text,
	"minimum_age" double precision,
	"maximum_age" double precision,
	"assured_date" date,
	"assurer_email" text,
	"licenses" text,
	"alert" text,
	"last_modified" timestamp (3) with time zone NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "services_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "services_status" CHECK ("services"."status" in ('active', 'inactive', 'defunct', 'temporarily closed')),
	CONSTRAINT "services_ages" CHECK ("services"."minimum_age" is null or "services"."maximum_age" is null or "services"."minimum_age" <= "services"."maximum_age")
);
--> statement-breakpoint
CREATE TABLE "taxonomies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"uri" text,
	"version" text,
	"extra" jsonb,
	CONSTRAINT "taxonomies_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_terms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"description" text,
	"parent_id" uuid,
	"taxonomy" text,
	"taxonomy_id" uuid,
	"language" text,
	"term_uri" text,
	"with_taxonomy_detail" boolean DEFAULT false NOT NULL,
	"omitted_links" text[],
	"extra" jsonb,
	CONSTRAINT "taxonomy_terms_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "accessibility" ADD CONSTRAINT "accessibility_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accessibility" ADD CONSTRAINT "accessibility_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attributes" ADD CONSTRAINT "attributes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attributes" ADD CONSTRAINT "attributes_taxonomy_term_fk" FOREIGN KEY ("tenant_id","taxonomy_term_id") REFERENCES "public"."taxonomy_terms"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_service_at_location_fk" FOREIGN KEY ("tenant_id","service_at_location_id") REFERENCES "public"."service_at_locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_options" ADD CONSTRAINT "cost_options_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_options" ADD CONSTRAINT "cost_options_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_phone_fk" FOREIGN KEY ("tenant_id","phone_id") REFERENCES "public"."phones"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_fk" FOREIGN KEY ("tenant_id","parent_organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_organization_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_at_location_fk" FOREIGN KEY ("tenant_id","service_at_location_id") REFERENCES "public"."service_at_locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_at_location_fk" FOREIGN KEY ("tenant_id","service_at_location_id") REFERENCES "public"."service_at_locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_service_at_location_fk" FOREIGN KEY ("tenant_id","service_at_location_id") REFERENCES "public"."service_at_locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organization_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomies" ADD CONSTRAINT "taxonomies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_terms" ADD CONSTRAINT "taxonomy_terms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_terms" ADD CONSTRAINT "taxonomy_terms_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."taxonomy_terms"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_terms" ADD CONSTRAINT "taxonomy_terms_taxonomy_fk" FOREIGN KEY ("tenant_id","taxonomy_id") REFERENCES "public"."taxonomies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accessibility_location" ON "accessibility" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "addresses_location" ON "addresses" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "attributes_link" ON "attributes" USING btree ("tenant_id","link_id");--> statement-breakpoint
CREATE INDEX "attributes_taxonomy_term" ON "attributes" USING btree ("tenant_id","taxonomy_term_id");--> statement-breakpoint
CREATE INDEX "contacts_service" ON "contacts" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "contacts_service_at_location" ON "contacts" USING btree ("tenant_id","service_at_location_id");--> statement-breakpoint
CREATE INDEX "contacts_location" ON "contacts" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "cost_options_service" ON "cost_options" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "languages_service" ON "languages" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "languages_location" ON "languages" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "languages_phone" ON "languages" USING btree ("tenant_id","phone_id");--> statement-breakpoint
CREATE INDEX "locations_organization" ON "locations" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "phones_service" ON "phones" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "phones_service_at_location" ON "phones" USING btree ("tenant_id","service_at_location_id");--> statement-breakpoint
CREATE INDEX "phones_location" ON "phones" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "phones_contact" ON "phones" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "schedules_service" ON "schedules" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "schedules_service_at_location" ON "schedules" USING btree ("tenant_id","service_at_location_id");--> statement-breakpoint
CREATE INDEX "schedules_location" ON "schedules" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "service_areas_service" ON "service_areas" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "service_areas_service_at_location" ON "service_areas" USING btree ("tenant_id","service_at_location_id");--> statement-breakpoint
CREATE INDEX "service_at_locations_service" ON "service_at_locations" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE INDEX "service_at_locations_location" ON "service_at_locations" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "services_organization" ON "services" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "services_last_modified" ON "services" USING btree ("tenant_id","last_modified");--> statement-breakpoint
CREATE INDEX "taxonomy_terms_taxonomy" ON "taxonomy_terms" USING btree ("tenant_id","taxonomy_id");--> statement-breakpoint
CREATE INDEX "taxonomy_terms_parent" ON "taxonomy_terms" USING btree ("tenant_id","parent_id");