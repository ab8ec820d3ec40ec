CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"area_id" uuid,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"lookup_keys" text[] NOT NULL,
	"postcodes" text[] DEFAULT '{}'::text[] NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "places_tenant_name" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"tenant_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"document" "tsvector" NOT NULL,
	"text" text NOT NULL,
	"term_ids" uuid[] NOT NULL,
	"taxonomy_ids" uuid[] NOT NULL,
	"themes" text[] NOT NULL,
	"target_groups" text[] NOT NULL,
	"access" text,
	"access_step" smallint NOT NULL,
	"free" boolean NOT NULL,
	"min_age" double precision,
	"max_age" double precision,
	"lats" double precision[] NOT NULL,
	"lons" double precision[] NOT NULL,
	"cities" text[] NOT NULL,
	"postcodes" text[] NOT NULL,
	"wheelchair" boolean NOT NULL,
	"days" text[] NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"last_modified" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "search_documents_pk" PRIMARY KEY("tenant_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"tenant_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_words_pk" PRIMARY KEY("tenant_id","word")
);
--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_words" ADD CONSTRAINT "search_words_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "places_tenant_position" ON "places" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE INDEX "search_documents_document" ON "search_documents" USING gin ("document");--> statement-breakpoint
CREATE INDEX "search_documents_terms" ON "search_documents" USING gin ("term_ids");--> statement-breakpoint
CREATE INDEX "search_documents_themes" ON "search_documents" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "search_documents_organization" ON "search_documents" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "search_documents_modified" ON "search_documents" USING btree ("tenant_id","last_modified");