DROP INDEX "activities_status_start_idx";--> statement-breakpoint
DROP INDEX "activities_status_lat_idx";--> statement-breakpoint
CREATE INDEX "activities_listing_idx" ON "activities" USING btree ("status","always_open","starts_at","id");--> statement-breakpoint
CREATE INDEX "activities_point_idx" ON "activities" USING gist (point("lon", "lat"));