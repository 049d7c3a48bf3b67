-- Keeps the dashboard rollups (stats_city_learners, stats_city_months) right in the same transaction
-- as every write to enrolments and playlist_followers, whichever code path makes it (services, bulk
-- awards, imports, seeds, account deletion by cascade). Statement-level triggers with transition
-- tables: a bulk insert of 50,000 enrolments updates the rollups in a few set-based statements.

-- The UTC month of an instant, as the dashboard groups by it.
CREATE FUNCTION stats_month_of(p_at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
	SELECT date_trunc('month', p_at AT TIME ZONE 'UTC')::date
$$;
--> statement-breakpoint

-- Adds (sign 1) or takes out (sign -1) enrolments' counts: made in their creation month unless
-- waitlisted, completed in the month of their last change. Groups whose counts cancel out are not
-- written, so most updates of an enrolment touch no counter; rows are written in key order so two
-- writers never wait for each other crosswise.
CREATE FUNCTION stats_add_enrolment_months(p_cities uuid[], p_statuses text[], p_created timestamptz[], p_updated timestamptz[], p_signs integer[])
RETURNS void LANGUAGE sql AS $$
	INSERT INTO stats_city_months AS m (city_id, month, made, completed)
	SELECT d.city_id, d.month, sum(d.made), sum(d.completed)
	FROM (
		SELECT r.city_id, stats_month_of(r.created_at) AS month, r.sign AS made, 0 AS completed
		FROM unnest(p_cities, p_statuses, p_created, p_updated, p_signs) AS r(city_id, status, created_at, updated_at, sign)
		WHERE r.status <> 'waitlisted'
		UNION ALL
		SELECT r.city_id, stats_month_of(r.updated_at), 0, r.sign
		FROM unnest(p_cities, p_statuses, p_created, p_updated, p_signs) AS r(city_id, status, created_at, updated_at, sign)
		WHERE r.status = 'completed'
	) d
	GROUP BY d.city_id, d.month
	HAVING sum(d.made) <> 0 OR sum(d.completed) <> 0
	ORDER BY d.city_id, d.month
	ON CONFLICT (city_id, month) DO UPDATE SET made = m.made + excluded.made, completed = m.completed + excluded.completed
$$;
--> statement-breakpoint

-- New steps of learners: the first moment can only move earlier and the last later, so the row is
-- widened in place (exact under concurrent writers: the upsert reads the latest committed row).
CREATE FUNCTION stats_extend_learners(p_cities uuid[], p_users uuid[], p_first timestamptz[], p_last timestamptz[])
RETURNS void LANGUAGE sql AS $$
	INSERT INTO stats_city_learners AS s (city_id, user_id, first_at, last_at)
	SELECT r.city_id, r.user_id, min(r.first_at), max(r.last_at)
	FROM unnest(p_cities, p_users, p_first, p_last) AS r(city_id, user_id, first_at, last_at)
	GROUP BY r.city_id, r.user_id
	ORDER BY r.city_id, r.user_id
	ON CONFLICT (city_id, user_id) DO UPDATE SET first_at = least(s.first_at, excluded.first_at), last_at = greatest(s.last_at, excluded.last_at)
$$;
--> statement-breakpoint

-- Learners who lost a step (an enrolment or follow deleted, or moved back in time): counted again
-- from their remaining enrolments and follows, and dropped when none is left. Their rows are locked
-- first so that a concurrent writer of the same learner has committed before the recount reads.
CREATE FUNCTION stats_refresh_learners(p_cities uuid[], p_users uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM stats_city_learners s
		JOIN unnest(p_cities, p_users) AS k(city_id, user_id) ON s.city_id = k.city_id AND s.user_id = k.user_id
		ORDER BY s.city_id, s.user_id FOR UPDATE OF s;
	WITH k AS (SELECT DISTINCT city_id, user_id FROM unnest(p_cities, p_users) AS k(city_id, user_id)),
	recounted AS (
		SELECT k.city_id, k.user_id, least(e.first_at, f.first_at) AS first_at, greatest(e.last_at, f.last_at) AS last_at
		FROM k
		CROSS JOIN LATERAL (SELECT min(created_at) AS first_at, max(greatest(created_at, updated_at)) AS last_at
			FROM enrolments WHERE city_id = k.city_id AND user_id = k.user_id) e
		CROSS JOIN LATERAL (SELECT min(created_at) AS first_at, max(created_at) AS last_at
			FROM playlist_followers WHERE city_id = k.city_id AND user_id = k.user_id) f
	),
	gone AS (
		DELETE FROM stats_city_learners s USING recounted r
		WHERE s.city_id = r.city_id AND s.user_id = r.user_id AND r.first_at IS NULL
	)
	INSERT INTO stats_city_learners AS s (city_id, user_id, first_at, last_at)
	SELECT city_id, user_id, first_at, last_at FROM recounted WHERE first_at IS NOT NULL
	ORDER BY city_id, user_id
	ON CONFLICT (city_id, user_id) DO UPDATE SET first_at = excluded.first_at, last_at = excluded.last_at;
END
$$;
--> statement-breakpoint

CREATE FUNCTION stats_enrolments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM stats_add_enrolment_months(array_agg(city_id), array_agg(status), array_agg(created_at), array_agg(updated_at), array_agg(1)) FROM new_rows;
	PERFORM stats_extend_learners(array_agg(city_id), array_agg(user_id), array_agg(created_at), array_agg(greatest(created_at, updated_at))) FROM new_rows;
	RETURN NULL;
END
$$;
--> statement-breakpoint

-- An update takes the old row's counts out and puts the new one's in. A learner whose step only
-- moved later (the usual status change) is widened; anything else is recounted.
CREATE FUNCTION stats_enrolments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM stats_add_enrolment_months(array_agg(r.city_id), array_agg(r.status), array_agg(r.created_at), array_agg(r.updated_at), array_agg(r.sign))
	FROM (SELECT city_id, status, created_at, updated_at, -1 AS sign FROM old_rows
		UNION ALL SELECT city_id, status, created_at, updated_at, 1 FROM new_rows) r;
	PERFORM stats_extend_learners(array_agg(n.city_id), array_agg(n.user_id), array_agg(n.created_at), array_agg(greatest(n.created_at, n.updated_at)))
	FROM old_rows o JOIN new_rows n ON n.id = o.id
	WHERE n.city_id = o.city_id AND n.user_id = o.user_id AND n.created_at = o.created_at AND greatest(n.created_at, n.updated_at) >= greatest(o.created_at, o.updated_at);
	PERFORM stats_refresh_learners(array_agg(k.city_id), array_agg(k.user_id))
	FROM (SELECT o.city_id, o.user_id, n.city_id AS new_city_id, n.user_id AS new_user_id
		FROM old_rows o JOIN new_rows n ON n.id = o.id
		WHERE NOT (n.city_id = o.city_id AND n.user_id = o.user_id AND n.created_at = o.created_at AND greatest(n.created_at, n.updated_at) >= greatest(o.created_at, o.updated_at))) m
	CROSS JOIN LATERAL (VALUES (m.city_id, m.user_id), (m.new_city_id, m.new_user_id)) AS k(city_id, user_id);
	RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE FUNCTION stats_enrolments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM stats_add_enrolment_months(array_agg(city_id), array_agg(status), array_agg(created_at), array_agg(updated_at), array_agg(-1)) FROM old_rows;
	PERFORM stats_refresh_learners(array_agg(city_id), array_agg(user_id)) FROM old_rows;
	RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE FUNCTION stats_followers_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM stats_extend_learners(array_agg(city_id), array_agg(user_id), array_agg(created_at), array_agg(created_at)) FROM new_rows;
	RETURN NULL;
END
$$;
--> statement-breakpoint

-- Follows are not changed in place by the platform; if one is, both its old and new learner are recounted.
CREATE FUNCTION stats_followers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		PERFORM stats_refresh_learners(array_agg(k.city_id), array_agg(k.user_id))
		FROM (SELECT city_id, user_id FROM old_rows UNION SELECT city_id, user_id FROM new_rows) k;
	ELSE
		PERFORM stats_refresh_learners(array_agg(city_id), array_agg(user_id)) FROM old_rows;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint

-- Creating the triggers locks both tables against writers until the migration commits, so the
-- backfill below sees every row and no write slips between the two.
CREATE TRIGGER stats_enrolments_inserted AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION stats_enrolments_inserted();
--> statement-breakpoint
CREATE TRIGGER stats_enrolments_updated AFTER UPDATE ON enrolments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION stats_enrolments_updated();
--> statement-breakpoint
CREATE TRIGGER stats_enrolments_deleted AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION stats_enrolments_deleted();
--> statement-breakpoint
CREATE TRIGGER stats_followers_inserted AFTER INSERT ON playlist_followers REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION stats_followers_inserted();
--> statement-breakpoint
CREATE TRIGGER stats_followers_updated AFTER UPDATE ON playlist_followers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION stats_followers_changed();
--> statement-breakpoint
CREATE TRIGGER stats_followers_deleted AFTER DELETE ON playlist_followers REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION stats_followers_changed();
--> statement-breakpoint

-- Backfill from the data already there.
INSERT INTO stats_city_learners (city_id, user_id, first_at, last_at)
SELECT city_id, user_id, min(first_at), max(last_at)
FROM (
	SELECT city_id, user_id, min(created_at) AS first_at, max(greatest(created_at, updated_at)) AS last_at FROM enrolments GROUP BY city_id, user_id
	UNION ALL
	SELECT city_id, user_id, min(created_at), max(created_at) FROM playlist_followers GROUP BY city_id, user_id
) steps
GROUP BY city_id, user_id;
--> statement-breakpoint
INSERT INTO stats_city_months (city_id, month, made, completed)
SELECT city_id, month, sum(made), sum(completed)
FROM (
	SELECT city_id, stats_month_of(created_at) AS month, count(*) AS made, 0 AS completed FROM enrolments WHERE status <> 'waitlisted' GROUP BY 1, 2
	UNION ALL
	SELECT city_id, stats_month_of(updated_at), 0, count(*) FROM enrolments WHERE status = 'completed' GROUP BY 1, 2
) counted
GROUP BY city_id, month;
