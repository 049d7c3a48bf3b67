import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { organisations, memberships } from '../organisations/schema';
import { activities } from '../activities/schema';
import { enrolments } from '../enrolments/schema';
import { learnerProfiles } from '../learners/schema';
import { playlists, playlistFollowers, playlistItems } from '../playlists/schema';
import { issueOnce, loadAwardSubject } from '../credentials/service';
import { credentials } from '../credentials/schema';
import { getCityOrThrow } from '../cities/service';
import { ACCESSIBILITY_FEATURES, type ActivityMode, type ActivityType } from '../../activities/vocabulary';
import { invalidState } from '../http/errors';
import { unsafeSeedDemoSurveys } from '../surveys/demo';
import { seededRandom } from '../shared/seeded-random';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'mailer' | 'logger'>;

/** Every demo account and organisation e-mail ends so: how a second run recognises the first. */
const DEMO_DOMAIN = 'demo.example.org';
const DAY = 86_400_000;

const ORGANISATIONS = ['Youth Hub', 'Public Library', 'Makerspace', 'Sports Club', 'Music School', 'Nature Centre', 'Digital Academy', 'Volunteer Centre'];
const TOPICS = ['Podcasting', 'Robotics', 'Public speaking', 'Bike repair', 'Street art', 'Coding games', 'First aid', 'Climate action', 'Photography', 'Job interviews', 'Debate', 'Start-up weekend'];
const TYPES: ActivityType[] = ['workshop', 'course', 'event', 'volunteering', 'self_paced_online'];
const MODES: ActivityMode[] = ['in_person', 'in_person', 'in_person', 'online', 'hybrid'];

export interface DemoSummary {
	organisations: number;
	activities: number;
	learners: number;
	enrolments: number;
	badges: number;
	playlists: number;
}

/**
 * Demo data for a city's dashboard, spread over the last twelve months: organisations with their
 * organisers, activities with skills, learners with learning profiles (ages, skill needs, stated
 * accessibility needs with consent for some), enrolments, completions with real signed badges (dated
 * when they were completed), and playlists with followers, whose badges follow by themselves.
 * Refuses to run twice on the same city. Demo accounts have no password: nobody can sign in with them.
 */
export async function seedDemo(app: Deps, slug: string, now = new Date()): Promise<DemoSummary> {
	const city = await getCityOrThrow(app, slug);
	const [demo] = await app.db
		.select({ existing: sql<number>`count(*)::int` })
		.from(organisations)
		.where(and(eq(organisations.cityId, city.id), like(organisations.email, `%@${DEMO_DOMAIN}`)));
	const existing = demo?.existing ?? 0;
	if (existing > 0) throw invalidState(`The city "${slug}" already has demo data (${existing} demo organisations); nothing was changed.`);

	const r = seededRandom(city.id.split('').reduce((sum, c) => sum + c.charCodeAt(0), 0));
	const skills = app.frameworks.frameworks.flatMap((f) => f.items.filter((i) => app.frameworks.isSelectable(i)).map((i) => i.id));
	const ago = (days: number) => new Date(now.getTime() - days * DAY);
	const text = (en: string) => ({ en, [city.defaultLocale]: en });

	const seeded = await app.db.transaction(async (tx) => {
		const organisers = await tx
			.insert(users)
			.values(ORGANISATIONS.map((_, i) => ({ name: `Demo organiser ${i + 1}`, email: `organiser-${i + 1}.${slug}@${DEMO_DOMAIN}`, emailVerified: true })))
			.returning({ id: users.id });
		const orgs = await tx
			.insert(organisations)
			.values(ORGANISATIONS.map((name, i) => ({ cityId: city.id, name: `${name} ${city.name}`, type: 'youth_organisation', email: `org-${i + 1}.${slug}@${DEMO_DOMAIN}`, status: 'approved' as const, createdAt: ago(400 - i * 20) })))
			.returning({ id: organisations.id });
		await tx.insert(memberships).values(orgs.map((o, i) => ({ cityId: city.id, organisationId: o.id, userId: organisers[i]!.id, role: 'owner' as const })));

		const acts = await tx
			.insert(activities)
			.values(
				Array.from({ length: 60 }, (_, i) => {
					const topic = r.pick(TOPICS);
					const published = ago(r.int(5, 360));
					const mode = r.pick(MODES);
					const tagged = r.next() < 0.65 ? [r.pick(skills), r.pick(skills)].filter((s, j, all) => all.indexOf(s) === j) : [];
					return {
						cityId: city.id,
						organisationId: orgs[i % orgs.length]!.id,
						title: text(`${topic} ${i + 1}`),
						description: text(`Learn ${topic.toLowerCase()} with other young people in ${city.name}.`),
						type: r.pick(TYPES),
						mode,
						startsAt: new Date(published.getTime() + r.int(7, 60) * DAY),
						onlineUrl: mode === 'in_person' ? null : `https://meet.example.org/demo-${i + 1}`,
						languages: [city.defaultLocale],
						international: r.next() < 0.1,
						skills: tagged,
						frameworks: [...new Set(tagged.map((s) => s.split(':')[0]!))],
						badge: { name: text(topic), description: text(`Took part in ${topic.toLowerCase()}.`), criteria: text('Take part and share what you made.') },
						status: 'published' as const,
						publishedAt: published,
						qualityLabel: r.next() < 0.3,
						createdBy: organisers[i % orgs.length]!.id
					};
				})
			)
			.returning({ id: activities.id, organisationId: activities.organisationId, publishedAt: activities.publishedAt });

		const learners = await tx
			.insert(users)
			.values(Array.from({ length: 150 }, (_, i) => ({ name: `Demo learner ${i + 1}`, email: `learner-${i + 1}.${slug}@${DEMO_DOMAIN}`, emailVerified: true, createdAt: ago(r.int(1, 365)) })))
			.returning({ id: users.id, createdAt: users.createdAt });
		await tx.insert(learnerProfiles).values(
			learners.map((l) => {
				const needs = r.next() < 0.12 ? [r.pick(ACCESSIBILITY_FEATURES)] : [];
				return {
					userId: l.id,
					birthYear: r.next() < 0.9 ? now.getUTCFullYear() - r.int(13, 32) : null,
					skillNeeds: r.next() < 0.6 ? [r.pick(skills)] : [],
					accessibilityNeeds: needs,
					inclusionStatsConsent: needs.length > 0 && r.next() < 0.8
				};
			})
		);

		const lists = await tx
			.insert(playlists)
			.values(
				[0, 1, 2, 3].map((i) => ({
					cityId: city.id,
					organisationId: orgs[i]!.id,
					title: text(`${TOPICS[i]} pathway`),
					description: text('Three steps, one badge.'),
					badge: { name: text(`${TOPICS[i]} pathway`), description: text('Completed the pathway.'), criteria: text('Complete every step.') },
					status: 'published' as const,
					publishedAt: ago(330),
					createdBy: organisers[i]!.id
				}))
			)
			.returning({ id: playlists.id });
		await tx.insert(playlistItems).values(lists.flatMap((p, i) => [0, 1, 2].map((k) => ({ playlistId: p.id, cityId: city.id, activityId: acts[i * 3 + k]!.id, position: k, required: true }))));

		// Enrolments after each activity was published, three to six per learner.
		const rows: (typeof enrolments.$inferInsert & { completeAt: Date | null; organiserId: string })[] = [];
		for (const learner of learners) {
			const chosen = new Set<number>();
			const count = r.int(3, 6);
			while (chosen.size < count) chosen.add(r.int(0, acts.length - 1));
			for (const index of chosen) {
				const activity = acts[index]!;
				const joined = new Date(Math.min(now.getTime() - DAY, activity.publishedAt!.getTime() + r.int(1, 60) * DAY));
				const finished = new Date(joined.getTime() + r.int(3, 40) * DAY);
				// Recent enrolments are still running: only those finished by now can be completed.
				const completeAt = r.next() < 0.5 && finished < now ? finished : null;
				const organiserId = organisers[orgs.findIndex((o) => o.id === activity.organisationId)]!.id;
				rows.push({ cityId: city.id, activityId: activity.id, userId: learner.id, status: r.next() < 0.06 ? 'left' : 'joined', joinedAt: joined, createdAt: joined, updatedAt: joined, completeAt, organiserId });
			}
		}
		// A third of the learners follow a playlist; most of them start it, and some finish all three steps.
		const followers = learners.filter(() => r.next() < 0.35).map((l, i) => ({ learner: l, list: i % lists.length, followedAt: ago(r.int(60, 300)) }));
		await tx.insert(playlistFollowers).values(followers.map((f) => ({ playlistId: lists[f.list]!.id, cityId: city.id, userId: f.learner.id, followedAt: f.followedAt })));
		const taken = new Set(rows.map((row) => `${row.userId}:${row.activityId}`));
		for (const f of followers) {
			const steps = r.next() < 0.2 ? 0 : r.int(1, 3);
			const finishing = r.next() < 0.6;
			for (let k = 0; k < steps; k++) {
				const activity = acts[f.list * 3 + k]!;
				if (taken.has(`${f.learner.id}:${activity.id}`)) continue;
				const joined = new Date(Math.max(f.followedAt.getTime(), activity.publishedAt!.getTime()) + (k * 14 + r.int(1, 10)) * DAY);
				if (joined >= now) continue;
				const finished = new Date(joined.getTime() + r.int(3, 20) * DAY);
				const organiserId = organisers[orgs.findIndex((o) => o.id === activity.organisationId)]!.id;
				rows.push({ cityId: city.id, activityId: activity.id, userId: f.learner.id, status: 'joined', joinedAt: joined, createdAt: joined, updatedAt: joined, completeAt: finishing && finished < now ? finished : null, organiserId });
			}
		}
		const inserted = await tx
			.insert(enrolments)
			.values(rows.map(({ completeAt: _completeAt, organiserId: _organiserId, ...row }) => row))
			.returning({ id: enrolments.id, status: enrolments.status });
		return {
			orgs,
			acts,
			learners,
			lists,
			awards: inserted.flatMap((e, i) => (e.status === 'joined' && rows[i]!.completeAt ? [{ enrolmentId: e.id, at: rows[i]!.completeAt!, organiserId: rows[i]!.organiserId }] : [])),
			enrolmentCount: inserted.length
		};
	});

	// Badges are signed one by one, outside the transaction above, each dated when it was earned; the
	// playlist badges follow inside `issueOnce`. E-mails to demo learners are not sent.
	const quiet = { ...app, mailer: { send: async () => {} } };
	seeded.awards.sort((a, b) => a.at.getTime() - b.at.getTime());
	for (const award of seeded.awards) {
		const subject = await loadAwardSubject(app, award.enrolmentId);
		if (subject) await issueOnce({ ...quiet, now: () => award.at }, subject, { narrative: null, awardedBy: award.organiserId });
	}
	// Awarding marks an enrolment completed "now": date each completion when it happened instead.
	for (const award of seeded.awards) {
		await app.db.update(enrolments).set({ updatedAt: award.at }).where(eq(enrolments.id, award.enrolmentId));
	}
	// Survey answers over the same twelve months: needs mapping, activity feedback, pre/post self-assessments.
	await unsafeSeedDemoSurveys(app, { cityId: city.id, learnerIds: seeded.learners.map((l) => l.id), playlistIds: seeded.lists.map((p) => p.id), activityIds: seeded.acts.map((a) => a.id), now });
	const badges = await app.db
		.select({ n: sql<number>`count(*)::int` })
		.from(credentials)
		.where(and(eq(credentials.cityId, city.id), inArray(credentials.organisationId, seeded.orgs.map((o) => o.id))));
	return { organisations: seeded.orgs.length, activities: seeded.acts.length, learners: seeded.learners.length, enrolments: seeded.enrolmentCount, badges: badges[0]?.n ?? 0, playlists: seeded.lists.length };
}
