CREATE TABLE "city_targets" (
	"city_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"target" double precision NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_targets_city_id_metric_pk" PRIMARY KEY("city_id","metric")
);
--> statement-breakpoint
ALTER TABLE "learner_profiles" ADD COLUMN "inclusion_stats_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "city_targets" ADD CONSTRAINT "city_targets_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_targets" ADD CONSTRAINT "city_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_stats_idx" ON "activities" USING btree ("city_id","organisation_id","status","published_at","archived_at","mode","international","quality_label","skills","frameworks");--> statement-breakpoint
CREATE INDEX "enrolments_stats_learner_idx" ON "enrolments" USING btree ("city_id","user_id","created_at","updated_at","status","activity_id");--> statement-breakpoint
CREATE INDEX "enrolments_stats_created_idx" ON "enrolments" USING btree ("city_id","created_at","status","activity_id");--> statement-breakpoint
CREATE INDEX "enrolments_stats_status_idx" ON "enrolments" USING btree ("city_id","status","updated_at","activity_id");--> statement-breakpoint
CREATE INDEX "credentials_city_issued_idx" ON "credentials" USING btree ("city_id","issued_at","organisation_id","user_id");