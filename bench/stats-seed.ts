/**
 * Seeds one city for the dashboard benchmark straight into the database (SQL, not HTTP): activities
 * published over the last year with skills, modes and labels; learners with profiles; enrolments, a
 * third of them completed, half of those with a badge; playlists with followers. Deterministic per
 * size, so two runs measure the same data.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db/database';
import type { FrameworkCatalog } from '../src/lib/server/frameworks/catalog';

const sqlArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function seedCity(db: Db, slug: string): Promise<string> {
	const result = await db.execute(sql`
		insert into cities (slug, name, locales, default_locale, timezone, center_lat, center_lon)
		values (${slug}, 'Breda', array['nl','en'], 'nl', 'Europe/Amsterdam', 51.589, 4.776) returning id`);
	const cityId = rowsOf<{ id: string }>(result)[0]!.id;
	await db.execute(sql`
		insert into organisations (city_id, name, type, email, status)
		select ${cityId}::uuid, 'Organisation ' || g, 'youth_organisation', 'org' || g || '@example.org', case when g % 10 = 0 then 'pending' else 'approved' end
		from generate_series(1, 60) g`);
	return cityId;
}

/** Adds activities until the city has `total`, in batches of 5,000. */
export async function seedActivitiesTo(db: Db, catalog: FrameworkCatalog, cityId: string, total: number): Promise<void> {
	const skills = catalog.frameworks.flatMap((f) => f.items.filter((i) => catalog.isSelectable(i)).map((i) => i.id));
	const existing = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int n from activities where city_id = ${cityId}::uuid`))[0]!.n;
	for (let done = existing; done < total; done += 5000) {
		const batch = Math.min(5000, total - done);
		await db.execute(sql`
			with org as (select array_agg(id) ids from organisations where city_id = ${cityId}::uuid and status = 'approved'),
			g as (select n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7 from generate_series(1, ${batch}::int) n)
			insert into activities (city_id, organisation_id, title, description, type, mode, starts_at, always_open, online_url, languages,
				international, skills, frameworks, status, published_at, quality_label, created_at)
			select ${cityId}::uuid, org.ids[1 + floor(r1 * array_length(org.ids, 1))::int],
				jsonb_build_object('en', 'Activity ' || (${done}::int + n)), jsonb_build_object('en', 'Learn together.'),
				'workshop',
				case when r2 < 0.7 then 'in_person' when r2 < 0.9 then 'online' else 'hybrid' end,
				now() + (r3 * interval '200 days'), false,
				case when r2 >= 0.7 then 'https://meet.example.org/' || n end,
				array['nl'], r4 < 0.08,
				case when r5 < 0.4 then array[]::text[] else array[(${sqlArray(skills)})[1 + floor(r6 * ${skills.length})::int]] end,
				case when r5 < 0.4 then array[]::text[] else array[split_part((${sqlArray(skills)})[1 + floor(r6 * ${skills.length})::int], ':', 1)] end,
				case when r7 < 0.05 then 'draft' else 'published' end,
				case when r7 < 0.05 then null else now() - (r3 * interval '400 days') end,
				r4 > 0.8, now() - (r3 * interval '400 days')
			from g, org`);
	}
	await db.execute(sql`vacuum analyze activities`);
}

/**
 * Learners and what they did, spread over the city's first 10,000 activities: each learner enrols in
 * `perLearner` of them.
 */
export async function seedLearning(db: Db, catalog: FrameworkCatalog, cityId: string, learners: number, perLearner: number): Promise<void> {
	const skills = catalog.frameworks.flatMap((f) => f.items.filter((i) => catalog.isSelectable(i)).map((i) => i.id));
	await db.execute(sql`select setseed(0.42)`);
	for (let done = 0; done < learners; done += 10_000) {
		const batch = Math.min(10_000, learners - done);
		await db.execute(sql`
			insert into users (name, email, created_at)
			select 'Learner ' || (${done}::int + n), 'learner' || (${done}::int + n) || '@bench.example.org', now() - random() * interval '700 days'
			from generate_series(1, ${batch}::int) n`);
	}
	await db.execute(sql`
		insert into learner_profiles (user_id, birth_year, skill_needs, accessibility_needs, inclusion_stats_consent)
		select id, case when r1 < 0.9 then 1990 + floor(r2 * 22)::int end,
			case when r3 < 0.5 then array[(${sqlArray(skills)})[1 + floor(r4 * ${skills.length})::int]] else array[]::text[] end,
			case when r5 < 0.08 then array['captions'] else array[]::text[] end, r5 < 0.06
		from (select id, random() r1, random() r2, random() r3, random() r4, random() r5 from users where email like '%@bench.example.org') u`);
	await db.execute(sql`create temporary table bench_acts as
		select row_number() over (order by id) - 1 i, id, organisation_id from activities where city_id = ${cityId}::uuid and status = 'published' order by id limit 10000`);
	await db.execute(sql`create temporary table bench_users as select row_number() over (order by id) - 1 i, id from users where email like '%@bench.example.org'`);
	const acts = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int n from bench_acts`))[0]!.n;
	for (let k = 1; k <= perLearner; k++) {
		// k * 4729 is distinct modulo any count of activities it has no factor with, so one learner's
		// enrolments are distinct; the learner's own offset spreads them.
		await db.execute(sql`
			insert into enrolments (city_id, activity_id, user_id, status, joined_at, created_at, updated_at)
			select ${cityId}::uuid, s.aid, s.uid, case when s.r1 < 0.35 then 'completed' when s.r1 < 0.4 then 'left' else 'joined' end,
				s.t0, s.t0, case when s.r1 < 0.35 then least(now(), s.t0 + s.r2 * interval '40 days') else s.t0 end
			from (select u.id uid, a.id aid, random() r1, random() r2, now() - random() * interval '400 days' t0
				from bench_users u join bench_acts a on a.i = (u.i * 7919 + ${k}::int * 4729) % ${acts}::int) s
			on conflict do nothing`);
	}
	await db.execute(sql`
		insert into credentials (city_id, organisation_id, activity_id, enrolment_id, user_id, award_key, status_index, document, issued_at)
		select e.city_id, a.organisation_id, e.activity_id, e.id, e.user_id, 'bench:' || e.id,
			row_number() over (partition by a.organisation_id order by e.id)::int, '{}'::jsonb, e.updated_at
		from enrolments e join bench_acts a on a.id = e.activity_id
		where e.city_id = ${cityId}::uuid and e.status = 'completed' and e.user_id::text < '8'`);
	const badge = JSON.stringify({ name: { en: 'Pathway' }, description: { en: 'A pathway.' }, criteria: { en: 'Complete it.' } });
	await db.execute(sql`
		insert into playlists (city_id, organisation_id, title, description, badge, status, published_at)
		select ${cityId}::uuid, a.organisation_id, jsonb_build_object('en', 'Pathway ' || a.i), '{}'::jsonb, ${badge}::jsonb, 'published', now() - interval '300 days'
		from bench_acts a where a.i < 200`);
	await db.execute(sql`
		insert into playlist_items (playlist_id, city_id, activity_id, position, required)
		select p.id, p.city_id, a.id, k, true
		from (select id, city_id, row_number() over (order by id) - 1 n from playlists where city_id = ${cityId}::uuid) p
		cross join generate_series(0, 2) k join bench_acts a on a.i = (p.n * 37 + k * 11) % ${acts}::int
		on conflict do nothing`);
	await db.execute(sql`
		insert into playlist_followers (playlist_id, city_id, user_id, created_at)
		select p.id, p.city_id, u.id, now() - random() * interval '300 days'
		from bench_users u join (select id, city_id, row_number() over (order by id) - 1 n from playlists where city_id = ${cityId}::uuid) p on p.n = u.i % 200
		where u.i % 3 = 0`);
	for (const table of ['users', 'learner_profiles', 'enrolments', 'credentials', 'playlists', 'playlist_items', 'playlist_followers', 'stats_city_learners', 'stats_city_months']) {
		await db.execute(sql.raw(`vacuum analyze ${table}`));
	}
}
