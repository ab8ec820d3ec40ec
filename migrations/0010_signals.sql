CREATE TABLE "signal_categories" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"life_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signal_categories_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "signal_clusters" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_signal_at" timestamp (3) with time zone NOT NULL,
	"decision" text,
	"decision_note" text,
	"offer_id" uuid,
	"plan_priority" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	CONSTRAINT "signal_clusters_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "signal_clusters_decision" CHECK ("signal_clusters"."decision" is null or "signal_clusters"."decision" in ('collective-offer','inform-partners','area-plan','no-action'))
);
--> statement-breakpoint
CREATE TABLE "signal_deletions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"signal_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"area_id" uuid,
	"about" text NOT NULL,
	"source" text NOT NULL,
	"reporter_role" text,
	"received_at" timestamp (3) with time zone NOT NULL,
	"triaged_at" timestamp (3) with time zone,
	"decision" text,
	"deleted_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "signal_deletions_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"about" text NOT NULL,
	"urgency" text NOT NULL,
	"source" text NOT NULL,
	"reporter_role" text,
	"reporter_user_id" uuid,
	"reporter_sealed" text,
	"description_sealed" text NOT NULL,
	"person_sealed" text,
	"subject_lookup" text,
	"place_text" text,
	"area_id" uuid,
	"status_code_hash" text,
	"received_at" timestamp (3) with time zone NOT NULL,
	"triage_before" timestamp (3) with time zone NOT NULL,
	"assigned_to" uuid,
	"assigned_at" timestamp (3) with time zone,
	"household_id" uuid,
	"support_request_id" uuid,
	"decision" text,
	"decision_reason_sealed" text,
	"triaged_at" timestamp (3) with time zone,
	"triaged_by" uuid,
	"escalated_at" timestamp (3) with time zone,
	"duplicate_of" uuid,
	"cluster_id" uuid,
	CONSTRAINT "signals_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "signals_about" CHECK ("signals"."about" in ('person','area')),
	CONSTRAINT "signals_urgency" CHECK ("signals"."urgency" in ('normal','urgent')),
	CONSTRAINT "signals_source" CHECK ("signals"."source" in ('resident','anonymous','partner')),
	CONSTRAINT "signals_decision" CHECK ("signals"."decision" is null or "signals"."decision" in ('outreach-visit','advice','referral','nothing')),
	CONSTRAINT "signals_anonymous" CHECK ("signals"."source" <> 'anonymous' or "signals"."reporter_sealed" is null)
);
--> statement-breakpoint
ALTER TABLE "signal_categories" ADD CONSTRAINT "signal_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_clusters" ADD CONSTRAINT "signal_clusters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_clusters" ADD CONSTRAINT "signal_clusters_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_clusters" ADD CONSTRAINT "signal_clusters_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."signal_categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_deletions" ADD CONSTRAINT "signal_deletions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."signal_categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_cluster_fk" FOREIGN KEY ("tenant_id","cluster_id") REFERENCES "public"."signal_clusters"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signal_categories_code" ON "signal_categories" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "signal_clusters_area" ON "signal_clusters" USING btree ("tenant_id","area_id","last_signal_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signal_deletions_signal" ON "signal_deletions" USING btree ("tenant_id","signal_id");--> statement-breakpoint
CREATE INDEX "signals_untriaged" ON "signals" USING btree ("tenant_id","triage_before") WHERE "signals"."triaged_at" is null;--> statement-breakpoint
CREATE INDEX "signals_category_area" ON "signals" USING btree ("tenant_id","category_id","area_id","received_at");--> statement-breakpoint
CREATE INDEX "signals_subject" ON "signals" USING btree ("tenant_id","subject_lookup") WHERE "signals"."subject_lookup" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "signals_status_code" ON "signals" USING btree ("status_code_hash") WHERE "signals"."status_code_hash" is not null;--> statement-breakpoint
CREATE INDEX "signals_reporter" ON "signals" USING btree ("tenant_id","reporter_user_id");