CREATE TABLE "directory_change_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"base" jsonb NOT NULL,
	"proposed" jsonb NOT NULL,
	"base_last_modified" text,
	"author_id" uuid,
	"note" text,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	CONSTRAINT "directory_change_requests_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "directory_change_requests_status" CHECK ("directory_change_requests"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "directory_feedback" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"message" text NOT NULL,
	"contact_email" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp (3) with time zone,
	"handled_by" uuid,
	CONSTRAINT "directory_feedback_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "directory_feedback_status" CHECK ("directory_feedback"."status" in ('open', 'handled'))
);
--> statement-breakpoint
CREATE TABLE "provider_members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "provider_members_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_staleness_reminders" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "directory_staleness_reminders_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_feedback" ADD CONSTRAINT "directory_feedback_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_feedback" ADD CONSTRAINT "directory_feedback_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_feedback" ADD CONSTRAINT "directory_feedback_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_members" ADD CONSTRAINT "provider_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_members" ADD CONSTRAINT "provider_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_members" ADD CONSTRAINT "provider_members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_members" ADD CONSTRAINT "provider_members_organization_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_staleness_reminders" ADD CONSTRAINT "directory_staleness_reminders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_staleness_reminders" ADD CONSTRAINT "directory_staleness_reminders_service_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."services"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_change_requests_one_pending" ON "directory_change_requests" USING btree ("tenant_id","service_id") WHERE "directory_change_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "directory_change_requests_status" ON "directory_change_requests" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "directory_change_requests_organization" ON "directory_change_requests" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "directory_feedback_status" ON "directory_feedback" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "directory_feedback_service" ON "directory_feedback" USING btree ("tenant_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_members_user_organization" ON "provider_members" USING btree ("tenant_id","user_id","organization_id");--> statement-breakpoint
CREATE INDEX "provider_members_organization" ON "provider_members" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "directory_staleness_reminders_service" ON "directory_staleness_reminders" USING btree ("tenant_id","service_id","sent_at");