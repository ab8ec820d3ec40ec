CREATE TABLE "assessment_scores" (
	"tenant_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"code" text NOT NULL,
	"score" smallint NOT NULL,
	"wants_to_talk" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assessment_scores_pk" PRIMARY KEY("tenant_id","assessment_id","code"),
	CONSTRAINT "assessment_scores_range" CHECK ("assessment_scores"."score" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid,
	"instrument" text NOT NULL,
	"item_set" text NOT NULL,
	"moment" text NOT NULL,
	"assessed_on" date NOT NULL,
	"assessor_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "assessments_instrument" CHECK ("assessments"."instrument" in ('zrm','positive-health')),
	CONSTRAINT "assessments_moment" CHECK ("assessments"."moment" in ('intake','progress','closure'))
);
--> statement-breakpoint
CREATE TABLE "case_co_workers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason_sealed" text NOT NULL,
	"granted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"granted_by" uuid,
	"revoked_at" timestamp (3) with time zone,
	"revoked_by" uuid,
	CONSTRAINT "case_co_workers_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"case_lead_id" uuid NOT NULL,
	"opened_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid,
	"closed_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cases_status" CHECK ("cases"."status" in ('open','closed')),
	CONSTRAINT "cases_closed_at" CHECK (("cases"."status" = 'closed') = ("cases"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"relation" text,
	"position" smallint DEFAULT 0 NOT NULL,
	"joined_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp (3) with time zone,
	CONSTRAINT "household_members_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "household_members_relation" CHECK ("household_members"."relation" is null or "household_members"."relation" in ('main-resident','partner','child','parent','other-family','housemate'))
);
--> statement-breakpoint
CREATE TABLE "households" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"postcode" text NOT NULL,
	"house_number" integer NOT NULL,
	"house_number_addition" text DEFAULT '' NOT NULL,
	"street" text,
	"city" text,
	"area_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "households_house_number" CHECK ("households"."house_number" between 1 and 99999)
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_date" date NOT NULL,
	"bsn_sealed" text,
	"bsn_lookup" text,
	"phone" text,
	"email" text,
	"user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid,
	"channel" text NOT NULL,
	"question_sealed" text NOT NULL,
	"life_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_contact_id" uuid,
	"received_at" timestamp (3) with time zone NOT NULL,
	"respond_before" timestamp (3) with time zone NOT NULL,
	"responded_at" timestamp (3) with time zone,
	"responded_by" uuid,
	"overdue_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_requests_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "support_requests_channel" CHECK ("support_requests"."channel" in ('walk-in','phone','email','home-visit','resident-portal','referral','signal')),
	CONSTRAINT "support_requests_deadline" CHECK ("support_requests"."respond_before" > "support_requests"."received_at")
);
--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_assessment_fk" FOREIGN KEY ("tenant_id","assessment_id") REFERENCES "public"."assessments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_household_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."persons"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_co_workers" ADD CONSTRAINT "case_co_workers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_co_workers" ADD CONSTRAINT "case_co_workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_co_workers" ADD CONSTRAINT "case_co_workers_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_co_workers" ADD CONSTRAINT "case_co_workers_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_co_workers" ADD CONSTRAINT "case_co_workers_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_case_lead_id_users_id_fk" FOREIGN KEY ("case_lead_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_household_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."persons"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_first_contact_id_users_id_fk" FOREIGN KEY ("first_contact_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_household_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."persons"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_household" ON "assessments" USING btree ("tenant_id","household_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "case_co_workers_one_active" ON "case_co_workers" USING btree ("tenant_id","case_id","user_id") WHERE "case_co_workers"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "case_co_workers_user" ON "case_co_workers" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_per_household" ON "cases" USING btree ("tenant_id","household_id") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_case_lead" ON "cases" USING btree ("tenant_id","case_lead_id","status");--> statement-breakpoint
CREATE INDEX "household_members_household" ON "household_members" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_members_one_current" ON "household_members" USING btree ("tenant_id","person_id") WHERE "household_members"."left_at" is null;--> statement-breakpoint
CREATE INDEX "households_address" ON "households" USING btree ("tenant_id","postcode","house_number","house_number_addition");--> statement-breakpoint
CREATE INDEX "households_area" ON "households" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE INDEX "persons_name_birth" ON "persons" USING btree ("tenant_id","name_key","birth_date");--> statement-breakpoint
CREATE INDEX "persons_bsn_lookup" ON "persons" USING btree ("tenant_id","bsn_lookup") WHERE "persons"."bsn_lookup" is not null;--> statement-breakpoint
CREATE INDEX "support_requests_case" ON "support_requests" USING btree ("tenant_id","case_id","received_at");--> statement-breakpoint
CREATE INDEX "support_requests_open_deadline" ON "support_requests" USING btree ("tenant_id","respond_before") WHERE "support_requests"."responded_at" is null;