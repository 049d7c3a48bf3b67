CREATE TABLE "stats_city_learners" (
	"city_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_city_learners_city_id_user_id_pk" PRIMARY KEY("city_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "stats_city_months" (
	"city_id" uuid NOT NULL,
	"month" date NOT NULL,
	"made" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_city_months_city_id_month_pk" PRIMARY KEY("city_id","month")
);
--> statement-breakpoint
CREATE INDEX "stats_city_learners_last_idx" ON "stats_city_learners" USING btree ("city_id","last_at","first_at");