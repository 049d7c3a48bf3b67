/**
 * Seeds a realistic activity catalogue straight into the database (in SQL, not through HTTP, so that
 * 100,000 activities take a minute): six cities, fifty organisations per city, titles and descriptions
 * in the cities' languages from word pools, one to four skills from the frameworks, dates over the next
 * year, places scattered around each city centre, modes, prices, ages and accessibility features.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db/database';
import type { FrameworkCatalog } from '../src/lib/server/frameworks/catalog';

export const BENCH_CITIES = [
	{ slug: 'breda', name: 'Breda', locale: 'nl', lat: 51.589, lon: 4.776, tz: 'Europe/Amsterdam' },
	{ slug: 'thessaloniki', name: 'Thessaloniki', locale: 'el', lat: 40.64, lon: 22.94, tz: 'Europe/Athens' },
	{ slug: 'torino', name: 'Torino', locale: 'it', lat: 45.07, lon: 7.686, tz: 'Europe/Rome' },
	{ slug: 'cluj-napoca', name: 'Cluj-Napoca', locale: 'ro', lat: 46.77, lon: 23.59, tz: 'Europe/Bucharest' },
	{ slug: 'vilnius', name: 'Vilnius', locale: 'lt', lat: 54.687, lon: 25.279, tz: 'Europe/Vilnius' },
	{ slug: 'blackpool', name: 'Blackpool', locale: 'en', lat: 53.817, lon: -3.05, tz: 'Europe/London' }
];

const WORDS: Record<string, string[]> = {
	en: ['workshop', 'repair', 'bikes', 'coding', 'podcast', 'theatre', 'photography', 'gardening', 'cooking', 'robotics', 'debate', 'music', 'dance', 'entrepreneurship', 'climate', 'journalism', 'design', 'volunteering', 'first aid', 'languages', 'painting', 'mural', 'storytelling', 'game design', 'sustainability', 'leadership', 'careers', 'wellbeing', 'skateboarding', 'chess'],
	nl: ['werkplaats', 'fietsen', 'repareren', 'programmeren', 'toneel', 'fotografie', 'tuinieren', 'koken', 'robots', 'debatteren', 'muziek', 'dansen', 'ondernemen', 'klimaat', 'journalistiek', 'ontwerpen', 'vrijwilligerswerk', 'eerste hulp', 'schilderen', 'verhalen', 'duurzaamheid', 'leiderschap', 'loopbaan', 'welzijn', 'schaken', 'muurschildering', 'podcasten', 'spellen', 'natuur', 'samenwerken'],
	el: ['εργαστήριο', 'ποδήλατα', 'προγραμματισμός', 'θέατρο', 'φωτογραφία', 'κηπουρική', 'μαγειρική', 'ρομποτική', 'μουσική', 'χορός', 'επιχειρηματικότητα', 'κλίμα', 'δημοσιογραφία', 'σχεδιασμός', 'εθελοντισμός', 'ζωγραφική', 'αφήγηση', 'βιωσιμότητα', 'ηγεσία', 'ευεξία'],
	it: ['laboratorio', 'biciclette', 'programmazione', 'teatro', 'fotografia', 'giardinaggio', 'cucina', 'robotica', 'musica', 'danza', 'imprenditorialità', 'clima', 'giornalismo', 'design', 'volontariato', 'pittura', 'racconto', 'sostenibilità', 'leadership', 'benessere'],
	ro: ['atelier', 'biciclete', 'programare', 'teatru', 'fotografie', 'grădinărit', 'gătit', 'robotică', 'muzică', 'dans', 'antreprenoriat', 'climă', 'jurnalism', 'design', 'voluntariat', 'pictură', 'povestire', 'sustenabilitate', 'leadership', 'bunăstare'],
	lt: ['dirbtuvės', 'dviračiai', 'programavimas', 'teatras', 'fotografija', 'sodininkystė', 'maisto gaminimas', 'robotika', 'muzika', 'šokiai', 'verslumas', 'klimatas', 'žurnalistika', 'dizainas', 'savanorystė', 'tapyba', 'pasakojimas', 'tvarumas', 'lyderystė', 'gerovė']
};

/** Words that shape a title or description around the topic: formats, audiences, places. */
/** More English topics, so that the English vocabulary is closer to a real catalogue's. */
const MORE_TOPICS = ['animation', 'astronomy', 'baking', 'basketball', 'beekeeping', 'blogging', 'boxing', 'budgeting', 'calligraphy', 'carpentry', 'ceramics', 'circus', 'citizenship', 'climbing', 'comics', 'composting', 'conflict resolution', 'cybersecurity', 'data science', 'DJing', 'drawing', 'drones', 'electronics', 'embroidery', 'energy', 'fashion', 'film making', 'fishing', 'fitness', 'football', 'graffiti', 'hiking', 'history', 'human rights', 'illustration', 'improvisation', 'interviewing', 'jewellery', 'job applications', 'kayaking', 'knitting', 'media literacy', 'mentoring', 'mindfulness', 'mobile apps', 'money skills', 'nature walks', 'nutrition', 'orienteering', 'pitching', 'poetry', 'politics', 'pottery', 'public speaking', 'radio', 'rapping', 'recycling', 'rowing', 'running', 'science', 'sewing', 'sign language', 'singing', 'sketching', 'social media', 'songwriting', 'start-ups', 'street dance', 'surfing', 'swimming', 'tennis', 'textiles', 'upcycling', 'urban farming', 'video editing', 'virtual reality', 'web design', 'wildlife', 'woodwork', 'writing', 'yoga', '3D printing', 'app design', 'architecture', 'banking', 'biology', 'birdwatching', 'chemistry', 'coaching', 'community radio', 'cycling', 'debating club', 'ecology', 'game jams', 'hackathons', 'healthy living', 'inventions', 'law', 'maths', 'mechanics'];

const FORMATS = ['for beginners', 'masterclass', 'weekend', 'summer school', 'meetup', 'bootcamp', 'club', 'lab', 'challenge', 'for girls', 'for teens', 'in the library', 'at the youth centre', 'outdoors', 'online session'];

const sqlArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);

export async function seedActivities(db: Db, catalog: FrameworkCatalog, total: number): Promise<{ cityIds: Record<string, string> }> {
	const skills = catalog.frameworks.flatMap((f) => f.items.filter((i) => catalog.isSelectable(i)).map((i) => i.id));
	const cityIds: Record<string, string> = {};
	await db.execute(sql`select setseed(0.42)`);
	for (const city of BENCH_CITIES) {
		const rows = await db.execute<{ id: string }>(sql`
			insert into cities (slug, name, locales, default_locale, timezone, center_lat, center_lon)
			values (${city.slug}, ${city.name}, ${sql.raw(`array['${city.locale}','en']`)}, ${city.locale}, ${city.tz}, ${city.lat}, ${city.lon})
			on conflict (slug) do update set name = excluded.name returning id`);
		const id = (rows as unknown as { rows: { id: string }[] }).rows[0]!.id;
		cityIds[city.slug] = id;
		await db.execute(sql`
			insert into organisations (city_id, name, type, email, status)
			select ${id}::uuid, 'Organisation ' || g || ' ' || ${city.name}::text, 'youth_organisation', 'org' || g || '@example.org', 'approved'
			from generate_series(1, 50) g`);
	}
	const perCity = Math.ceil(total / BENCH_CITIES.length);
	for (const city of BENCH_CITIES) {
		// Every title pairs two topics, so that a topic word is in a few percent of activities, as in
		// a real catalogue, rather than in a quarter of them.
		const words = WORDS[city.locale]!;
		const english = [...WORDS.en!, ...MORE_TOPICS, ...FORMATS];
		const cityId = cityIds[city.slug]!;
		for (let done = 0; done < perCity; done += 5000) {
			const batch = Math.min(5000, perCity - done);
			await db.execute(sql`
				with org as (select array_agg(id) ids from organisations where city_id = ${cityId}::uuid),
				-- One random draw per attribute, so that no two attributes are correlated by sharing a draw.
				g as (
					select n, ${sql.raw(Array.from({ length: 25 }, (_, i) => `random() r${i + 1}`).join(', '))}
					from generate_series(1, ${batch}::int) n
				)
				insert into activities (city_id, organisation_id, title, description, type, mode, starts_at, ends_at, always_open,
					location_address, lat, lon, online_url, languages, age_min, age_max, price_amount, price_currency, capacity,
					international, accessibility, skills, frameworks, status, published_at, quality_label)
				select ${cityId}::uuid,
					org.ids[1 + floor(r1 * 50)::int],
					jsonb_build_object(${city.locale}::text, initcap((${sqlArray(words)})[1 + floor(r2 * ${words.length})::int]) || ' ' || (${sqlArray(words)})[1 + floor(r3 * ${words.length})::int] || ' ' || n,
						'en', initcap((${sqlArray(english)})[1 + floor(r2 * ${english.length})::int]) || ' and ' || (${sqlArray(english)})[1 + floor(r3 * ${english.length})::int]),
					jsonb_build_object(${city.locale}::text, repeat((${sqlArray(words)})[1 + floor(r4 * ${words.length})::int] || ' ' || (${sqlArray(words)})[1 + floor(r5 * ${words.length})::int] || ' ', 8),
						'en', 'Learn ' || (${sqlArray(english)})[1 + floor(r4 * ${english.length})::int] || ' and ' || (${sqlArray(english)})[1 + floor(r8 * ${english.length})::int] || ' with other young people in ' || ${city.name}::text || '.'),
					(array['workshop','course','training','event','volunteering','internship','self_paced_online','exchange','camp','competition','mentoring','other'])[1 + floor(r9 * 12)::int],
					case when r6 < 0.7 then 'in_person' when r6 < 0.9 then 'online' else 'hybrid' end,
					now() + (r7 * interval '365 days'),
					now() + (r7 * interval '365 days') + interval '3 hours',
					r10 < 0.03,
					'Street ' || floor(r11 * 200) || ', ' || ${city.name}::text,
					case when r6 < 0.7 or r6 >= 0.9 then ${city.lat}::float8 + (r12 - 0.5) * 0.25 end,
					case when r6 < 0.7 or r6 >= 0.9 then ${city.lon}::float8 + (r13 - 0.5) * 0.4 end,
					case when r6 >= 0.7 then 'https://meet.example.org/' || n end,
					case when r14 < 0.6 then ${sqlArray([city.locale])} when r14 < 0.9 then ${sqlArray([city.locale, 'en'])} else ${sqlArray(['en'])} end,
					case when r15 < 0.5 then 12 + floor(r16 * 6)::int end,
					case when r15 < 0.5 then 20 + floor(r16 * 10)::int end,
					case when r17 < 0.3 then round((r18 * 40)::numeric, 2) end,
					case when r17 < 0.3 then 'EUR' end,
					case when r19 < 0.6 then 10 + floor(r20 * 40)::int end,
					r21 < 0.08,
					case floor(r22 * 6)::int when 0 then array['step_free_access','quiet_space'] when 1 then array['captions','easy_read']
						when 2 then array['sign_language','captions'] when 3 then array['step_free_access','accessible_toilet'] else array[]::text[] end,
					array[(${sqlArray(skills)})[1 + floor(r23 * ${skills.length})::int], (${sqlArray(skills)})[1 + floor(r24 * ${skills.length})::int]],
					array[split_part((${sqlArray(skills)})[1 + floor(r23 * ${skills.length})::int], ':', 1), split_part((${sqlArray(skills)})[1 + floor(r24 * ${skills.length})::int], ':', 1)],
					'published', now(), r25 < 0.2
				from g, org`);
		}
	}
	// As a maintained database would be after a bulk load.
	await db.execute(sql`vacuum analyze activities`);
	return { cityIds };
}
