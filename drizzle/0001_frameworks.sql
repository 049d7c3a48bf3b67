CREATE TABLE "city_frameworks" (
	"city_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	CONSTRAINT "city_frameworks_city_id_framework_id_pk" PRIMARY KEY("city_id","framework_id")
);
--> statement-breakpoint
CREATE TABLE "framework_items" (
	"id" text PRIMARY KEY NOT NULL,
	"framework_id" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" text,
	"type" text NOT NULL,
	"kind" text,
	"level" integer,
	"uri" text,
	"alt_labels" text[] DEFAULT '{}' NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "frameworks" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"publisher" text NOT NULL,
	"source" text NOT NULL,
	"license" text NOT NULL,
	"item_count" integer NOT NULL,
	"content_hash" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "city_frameworks" ADD CONSTRAINT "city_frameworks_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_frameworks" ADD CONSTRAINT "city_frameworks_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_items" ADD CONSTRAINT "framework_items_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "framework_items_framework_idx" ON "framework_items" USING btree ("framework_id","position");--> statement-breakpoint
CREATE INDEX "framework_items_uri_idx" ON "framework_items" USING btree ("uri");