CREATE TABLE "referral_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text,
	"reason_code" text,
	"note_sealed" text,
	CONSTRAINT "referral_events_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referral_events_reason" CHECK ("referral_events"."reason_code" is null or "referral_events"."reason_code" in ('full','not-suitable','not-reachable','resident-declined','other'))
);
--> statement-breakpoint
CREATE TABLE "referral_pathways" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"theme" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"steps" jsonb NOT NULL,
	"follow_up_weeks" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "referral_pathways_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referral_pathways_version" CHECK ("referral_pathways"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referrer_id" uuid,
	"target_kind" text NOT NULL,
	"service_id" uuid,
	"organization_id" uuid,
	"service_name" text,
	"organization_name" text,
	"receiver_id" uuid,
	"resident_sealed" text NOT NULL,
	"resident_key" text NOT NULL,
	"household_id" uuid,
	"support_request_id" uuid,
	"area_id" uuid,
	"reason_sealed" text NOT NULL,
	"consent_scope" text NOT NULL,
	"consent_shared_with" text NOT NULL,
	"consent_given_at" timestamp (3) with time zone NOT NULL,
	"no_contact" boolean DEFAULT false NOT NULL,
	"pathway_id" uuid,
	"pathway_step" integer,
	"parent_id" uuid,
	"status" text DEFAULT 'sent' NOT NULL,
	"respond_before" timestamp (3) with time zone NOT NULL,
	"first_contact_at" timestamp (3) with time zone,
	"overdue_at" timestamp (3) with time zone,
	"report_due_at" timestamp (3) with time zone,
	"reported_at" timestamp (3) with time zone,
	"outcome_sealed" text,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "referrals_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referrals_target" CHECK (("referrals"."target_kind" = 'service') = ("referrals"."service_id" is not null) and "referrals"."target_kind" in ('service','welfare-coach','social-team')),
	CONSTRAINT "referrals_status" CHECK ("referrals"."status" in ('sent','received','contacted','started','completed','declined','no-show','withdrawn','referred-elsewhere'))
);
--> statement-breakpoint
CREATE TABLE "volunteer_appreciations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"given_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid,
	CONSTRAINT "volunteer_appreciations_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_appreciations_kind" CHECK ("volunteer_appreciations"."kind" in ('thank-you','anniversary','volunteer-of-the-year'))
);
--> statement-breakpoint
CREATE TABLE "volunteer_contact_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"happened_on" date NOT NULL,
	"what" text NOT NULL,
	"worrying" boolean DEFAULT false NOT NULL,
	"flagged_at" timestamp (3) with time zone,
	"signal_id" uuid,
	"written_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_contact_log_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "match_evaluations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"side" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"rating" smallint NOT NULL,
	"go_on" boolean NOT NULL,
	"note" text,
	"recorded_by" uuid,
	CONSTRAINT "match_evaluations_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "match_evaluations_side" CHECK ("match_evaluations"."side" in ('requester','volunteer')),
	CONSTRAINT "match_evaluations_rating" CHECK ("match_evaluations"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "help_offers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid,
	"organization_name" text,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"place_id" uuid NOT NULL,
	"when" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"posted_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_offers_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "help_offers_by" CHECK (("help_offers"."volunteer_id" is null) <> ("help_offers"."organization_name" is null)),
	CONSTRAINT "help_offers_status" CHECK ("help_offers"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"display_name" text NOT NULL,
	"address_sealed" text,
	"contact_sealed" text,
	"place_id" uuid NOT NULL,
	"area_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"when" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"frequency" text NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"gender_preference" text,
	"gender_required" boolean DEFAULT false NOT NULL,
	"no_pets" boolean DEFAULT false NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"listed_publicly" boolean DEFAULT true NOT NULL,
	"requester_user_id" uuid,
	"posted_by" uuid,
	"household_ref" uuid,
	"plan_action_ref" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp (3) with time zone,
	CONSTRAINT "help_requests_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "help_requests_status" CHECK ("help_requests"."status" in ('open','matched','closed')),
	CONSTRAINT "help_requests_period" CHECK ("help_requests"."ends_on" is null or "help_requests"."ends_on" >= "help_requests"."starts_on"),
	CONSTRAINT "help_requests_duration" CHECK ("help_requests"."duration_minutes" between 15 and 1440)
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"run_id" uuid,
	"reasons" jsonb NOT NULL,
	"proposed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"proposed_by" uuid,
	"meeting_place" text,
	"introduced_at" timestamp (3) with time zone,
	"confirmed_at" timestamp (3) with time zone,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text,
	"declined_by" text,
	"trial_until" date,
	"ends_on" date,
	"evaluation_due_on" date,
	CONSTRAINT "matches_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "matches_status" CHECK ("matches"."status" in ('proposed','introduced','confirmed','active','completed','ended-early','declined')),
	CONSTRAINT "matches_end_reason" CHECK ("matches"."status" <> 'ended-early' or "matches"."end_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "matching_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"weights" jsonb NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"requests" integer NOT NULL,
	"volunteers" integer NOT NULL,
	"proposals" integer NOT NULL,
	"total_score" real NOT NULL,
	"ran_by" uuid,
	"ran_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_runs_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_credentials" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"training" text,
	"issued_on" date NOT NULL,
	"valid_until" date,
	"recorded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_credentials_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_credentials_kind" CHECK ("volunteer_credentials"."kind" in ('vog','training')),
	CONSTRAINT "volunteer_credentials_training" CHECK (("volunteer_credentials"."kind" = 'training') = ("volunteer_credentials"."training" is not null))
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"birth_date" date NOT NULL,
	"gender" text,
	"place_id" uuid NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_distance_km" real NOT NULL,
	"capacity_at_once" smallint DEFAULT 1 NOT NULL,
	"capacity_per_month" smallint DEFAULT 2 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"intake_on" date NOT NULL,
	"intake_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteers_capacity" CHECK ("volunteers"."capacity_at_once" between 0 and 20 and "volunteers"."capacity_per_month" between 0 and 50),
	CONSTRAINT "volunteers_distance" CHECK ("volunteers"."max_distance_km" >= 0 and "volunteers"."max_distance_km" <= 200)
);
--> statement-breakpoint
CREATE TABLE "case_conferences" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid,
	"title" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"location" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_conferences_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "case_conferences_status" CHECK ("case_conferences"."status" in ('planned','held','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "conference_agenda_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"added_by" uuid,
	"outcome_sealed" text,
	"discussed_at" timestamp (3) with time zone,
	CONSTRAINT "conference_agenda_items_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conference_participants" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conference_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"person_id" uuid,
	"name" text,
	"organisation" text,
	CONSTRAINT "conference_participants_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "conference_participants_kind" CHECK ("conference_participants"."kind" in ('professional','partner','resident'))
);
--> statement-breakpoint
CREATE TABLE "conference_series" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"interval_days" integer NOT NULL,
	"first_at" timestamp (3) with time zone NOT NULL,
	"location" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conference_series_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "conference_series_interval" CHECK ("conference_series"."interval_days" between 1 and 92)
);
--> statement-breakpoint
CREATE TABLE "casework_deletions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"rows" integer NOT NULL,
	"case_closed_at" timestamp (3) with time zone NOT NULL,
	"retention_months" integer NOT NULL,
	"deleted_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "casework_deletions_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid,
	"partner" text NOT NULL,
	"purpose" text NOT NULL,
	"scopes" text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"recorded_by" uuid,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"withdrawn_by" uuid,
	CONSTRAINT "consents_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consents_period" CHECK ("consents"."valid_until" is null or "consents"."valid_until" >= "consents"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "aftercare_check_ins" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"closure_id" uuid NOT NULL,
	"responsible_id" uuid,
	"due_at" timestamp (3) with time zone NOT NULL,
	"reminded_at" timestamp (3) with time zone,
	"done_at" timestamp (3) with time zone,
	"done_by" uuid,
	"result" text,
	"note_sealed" text,
	"cancelled_at" timestamp (3) with time zone,
	CONSTRAINT "aftercare_check_ins_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "aftercare_check_ins_result" CHECK ("aftercare_check_ins"."result" is null or "aftercare_check_ins"."result" in ('fine','reopen','no-contact'))
);
--> statement-breakpoint
CREATE TABLE "case_closures" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"note_sealed" text,
	"open_action_fate" text,
	"closed_at" timestamp (3) with time zone NOT NULL,
	"closed_by" uuid,
	"aftercare_by_id" uuid,
	CONSTRAINT "case_closures_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "case_closures_outcome" CHECK ("case_closures"."outcome" in ('solved-in-social-base','custom-provision','referred-elsewhere','stopped-by-resident','moved-away'))
);
--> statement-breakpoint
CREATE TABLE "custom_provisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"area" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_on" date NOT NULL,
	"decided_on" date,
	"starts_on" date,
	"ends_on" date,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_provisions_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "custom_provisions_status" CHECK ("custom_provisions"."status" in ('requested','granted','refused')),
	CONSTRAINT "custom_provisions_period" CHECK ("custom_provisions"."ends_on" is null or "custom_provisions"."starts_on" is null or "custom_provisions"."ends_on" >= "custom_provisions"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"area" text NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"note_sealed" text NOT NULL,
	"escalated_at" timestamp (3) with time zone NOT NULL,
	"returned_at" timestamp (3) with time zone,
	"return_note_sealed" text,
	CONSTRAINT "escalations_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "escalations_area" CHECK ("escalations"."area" in ('wmo','youth'))
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"goal_id" uuid,
	"description_sealed" text NOT NULL,
	"performer" text NOT NULL,
	"performer_name" text,
	"directory_service_id" uuid,
	"professional_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"fate_at_closure" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_actions_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plan_actions_performer" CHECK ("plan_actions"."performer" in ('resident','own-network','volunteer','basic-service','custom-provision','professional')),
	CONSTRAINT "plan_actions_status" CHECK ("plan_actions"."status" in ('planned','in-progress','done','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "plan_agreements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"plan_version" integer NOT NULL,
	"agreed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_agreements_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_comments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid,
	"person_id" uuid,
	"text_sealed" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_comments_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"life_domain" text NOT NULL,
	"text_sealed" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_goals_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plan_goals_status" CHECK ("plan_goals"."status" in ('open','achieved','dropped'))
);
--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_fk" FOREIGN KEY ("tenant_id","referral_id") REFERENCES "public"."referrals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_pathways" ADD CONSTRAINT "referral_pathways_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_pathways" ADD CONSTRAINT "referral_pathways_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_users_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_receiver_id_users_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pathway_fk" FOREIGN KEY ("tenant_id","pathway_id") REFERENCES "public"."referral_pathways"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."referrals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_appreciations" ADD CONSTRAINT "volunteer_appreciations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_appreciations" ADD CONSTRAINT "volunteer_appreciations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_appreciations" ADD CONSTRAINT "volunteer_appreciations_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."volunteers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_contact_log" ADD CONSTRAINT "volunteer_contact_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_contact_log" ADD CONSTRAINT "volunteer_contact_log_written_by_users_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_contact_log" ADD CONSTRAINT "volunteer_contact_log_match_fk" FOREIGN KEY ("tenant_id","match_id") REFERENCES "public"."matches"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_evaluations" ADD CONSTRAINT "match_evaluations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_evaluations" ADD CONSTRAINT "match_evaluations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_evaluations" ADD CONSTRAINT "match_evaluations_match_fk" FOREIGN KEY ("tenant_id","match_id") REFERENCES "public"."matches"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_offers" ADD CONSTRAINT "help_offers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_offers" ADD CONSTRAINT "help_offers_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_offers" ADD CONSTRAINT "help_offers_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."volunteers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."help_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."volunteers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_ran_by_users_id_fk" FOREIGN KEY ("ran_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."volunteers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_intake_by_users_id_fk" FOREIGN KEY ("intake_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conferences" ADD CONSTRAINT "case_conferences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conferences" ADD CONSTRAINT "case_conferences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conferences" ADD CONSTRAINT "case_conferences_series_fk" FOREIGN KEY ("tenant_id","series_id") REFERENCES "public"."conference_series"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_agenda_items" ADD CONSTRAINT "conference_agenda_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_agenda_items" ADD CONSTRAINT "conference_agenda_items_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_agenda_items" ADD CONSTRAINT "conference_agenda_items_conference_fk" FOREIGN KEY ("tenant_id","conference_id") REFERENCES "public"."case_conferences"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_agenda_items" ADD CONSTRAINT "conference_agenda_items_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_participants" ADD CONSTRAINT "conference_participants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_participants" ADD CONSTRAINT "conference_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_participants" ADD CONSTRAINT "conference_participants_conference_fk" FOREIGN KEY ("tenant_id","conference_id") REFERENCES "public"."case_conferences"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_participants" ADD CONSTRAINT "conference_participants_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."persons"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_series" ADD CONSTRAINT "conference_series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_series" ADD CONSTRAINT "conference_series_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_deletions" ADD CONSTRAINT "casework_deletions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_household_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."persons"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_household_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_closure_fk" FOREIGN KEY ("tenant_id","closure_id") REFERENCES "public"."case_closures"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_aftercare_by_id_users_id_fk" FOREIGN KEY ("aftercare_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_provisions" ADD CONSTRAINT "custom_provisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_provisions" ADD CONSTRAINT "custom_provisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_provisions" ADD CONSTRAINT "custom_provisions_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_professional_id_users_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_goal_fk" FOREIGN KEY ("tenant_id","goal_id") REFERENCES "public"."plan_goals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_agreements" ADD CONSTRAINT "plan_agreements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_agreements" ADD CONSTRAINT "plan_agreements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_agreements" ADD CONSTRAINT "plan_agreements_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_agreements" ADD CONSTRAINT "plan_agreements_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."persons"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_events_referral" ON "referral_events" USING btree ("tenant_id","referral_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_pathways_key_version" ON "referral_pathways" USING btree ("tenant_id","key","version");--> statement-breakpoint
CREATE INDEX "referrals_referrer" ON "referrals" USING btree ("tenant_id","referrer_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_receiver" ON "referrals" USING btree ("tenant_id","target_kind","organization_id","status");--> statement-breakpoint
CREATE INDEX "referrals_resident" ON "referrals" USING btree ("tenant_id","resident_key","created_at");--> statement-breakpoint
CREATE INDEX "referrals_waiting" ON "referrals" USING btree ("tenant_id","respond_before") WHERE "referrals"."first_contact_at" is null and "referrals"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "volunteer_contact_log_match" ON "volunteer_contact_log" USING btree ("tenant_id","match_id","happened_on");--> statement-breakpoint
CREATE INDEX "volunteer_contact_log_flagged" ON "volunteer_contact_log" USING btree ("tenant_id","flagged_at") WHERE "volunteer_contact_log"."flagged_at" is not null;--> statement-breakpoint
CREATE INDEX "match_evaluations_match" ON "match_evaluations" USING btree ("tenant_id","match_id");--> statement-breakpoint
CREATE INDEX "help_requests_open" ON "help_requests" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_requester" ON "help_requests" USING btree ("tenant_id","requester_user_id");--> statement-breakpoint
CREATE INDEX "matches_request" ON "matches" USING btree ("tenant_id","request_id");--> statement-breakpoint
CREATE INDEX "matches_volunteer" ON "matches" USING btree ("tenant_id","volunteer_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_credentials_volunteer" ON "volunteer_credentials" USING btree ("tenant_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteers_user" ON "volunteers" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "case_conferences_starts" ON "case_conferences" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_conferences_series_start" ON "case_conferences" USING btree ("tenant_id","series_id","starts_at") WHERE "case_conferences"."series_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "conference_agenda_items_once" ON "conference_agenda_items" USING btree ("tenant_id","conference_id","case_id");--> statement-breakpoint
CREATE INDEX "conference_participants_conference" ON "conference_participants" USING btree ("tenant_id","conference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_deletions_once" ON "casework_deletions" USING btree ("tenant_id","case_id","record_type");--> statement-breakpoint
CREATE INDEX "consents_lookup" ON "consents" USING btree ("tenant_id","household_id","partner","purpose");--> statement-breakpoint
CREATE INDEX "aftercare_check_ins_case" ON "aftercare_check_ins" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "aftercare_check_ins_due" ON "aftercare_check_ins" USING btree ("tenant_id","due_at") WHERE "aftercare_check_ins"."done_at" is null and "aftercare_check_ins"."cancelled_at" is null and "aftercare_check_ins"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "case_closures_case" ON "case_closures" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "custom_provisions_case" ON "custom_provisions" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "escalations_case" ON "escalations" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "plan_actions_case" ON "plan_actions" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "plan_agreements_case" ON "plan_agreements" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "plan_comments_case" ON "plan_comments" USING btree ("tenant_id","case_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_goals_case" ON "plan_goals" USING btree ("tenant_id","case_id");