CREATE TABLE "signal_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"safety_notice_nl" text,
	"safety_notice_en" text,
	"retention_days" integer NOT NULL,
	"cluster_window_days" integer NOT NULL,
	"cluster_minimum" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "signal_settings_retention" CHECK ("signal_settings"."retention_days" between 7 and 3650),
	CONSTRAINT "signal_settings_window" CHECK ("signal_settings"."cluster_window_days" between 7 and 365),
	CONSTRAINT "signal_settings_minimum" CHECK ("signal_settings"."cluster_minimum" between 2 and 50)
);
--> statement-breakpoint
ALTER TABLE "signal_settings" ADD CONSTRAINT "signal_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_settings" ADD CONSTRAINT "signal_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;