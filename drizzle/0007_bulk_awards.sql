CREATE TABLE "award_batch_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"narrative" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"credential_id" uuid,
	"error" text,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "award_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"created_by" uuid,
	"reaward" boolean DEFAULT false NOT NULL,
	"total" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "recipient_email" text;--> statement-breakpoint
ALTER TABLE "award_batch_items" ADD CONSTRAINT "award_batch_items_batch_id_award_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."award_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_batch_items" ADD CONSTRAINT "award_batch_items_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_batches" ADD CONSTRAINT "award_batches_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_batches" ADD CONSTRAINT "award_batches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_batches" ADD CONSTRAINT "award_batches_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_batches" ADD CONSTRAINT "award_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "award_batch_items_row_idx" ON "award_batch_items" USING btree ("batch_id","row");--> statement-breakpoint
CREATE INDEX "award_batch_items_pending_idx" ON "award_batch_items" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "credentials_waiting_idx" ON "credentials" USING btree ("recipient_email") WHERE user_id is null and recipient_email is not null;