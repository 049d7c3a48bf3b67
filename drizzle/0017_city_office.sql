ALTER TABLE "organisations" ADD COLUMN "kind" text DEFAULT 'provider' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_city_office_idx" ON "organisations" USING btree ("city_id") WHERE kind = 'city_office';--> statement-breakpoint
-- Every existing city gets its office, approved from the start (new cities get theirs when created).
INSERT INTO "organisations" ("city_id", "name", "type", "email", "status", "kind", "reviewed_at")
SELECT "id", "name", 'public_body', '', 'approved', 'city_office', now() FROM "cities"
ON CONFLICT DO NOTHING;
