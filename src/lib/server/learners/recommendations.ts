import { and, eq, or, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { FrameworkCatalog } from '../frameworks/catalog';
import { activities } from '../activities/schema';
import { enrolments } from '../enrolments/schema';
import { loadActivities, type ActivityRecord } from '../activities/queries';
import type { LearningProfileDto } from './schemas';

export interface Reason {
	code: 'skill' | 'age' | 'language' | 'accessibility' | 'near' | 'online' | 'interest' | 'quality';
	detail?: string;
}

export interface Recommendation {
	activity: ActivityRecord;
	score: number;
	reasons: Reason[];
}

const CANDIDATES = 400;

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = (d: number) => (d * Math.PI) / 180;
	const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
	return 6371 * 2 * Math.asin(Math.sqrt(h));
}

/** True when `skill` is `need` itself or lies below it in its framework. */
function serves(catalog: FrameworkCatalog, skill: string, need: string): boolean {
	for (let item = catalog.item(skill); item; item = item.parentId ? catalog.item(item.parentId) : undefined) {
		if (item.id === need) return true;
	}
	return false;
}

/**
 * Scores one activity for a learner and says why. Activities the learner cannot attend (outside their
 * age, or missing an accessibility feature they need) are left out (null).
 */
export function scoreActivity(activity: ActivityRecord, profile: LearningProfileDto, catalog: FrameworkCatalog, now: Date): Omit<Recommendation, 'activity'> | null {
	const reasons: Reason[] = [];
	let score = 0;
	if (profile.birthYear) {
		const age = now.getUTCFullYear() - profile.birthYear;
		if ((activity.ageMin !== null && age < activity.ageMin) || (activity.ageMax !== null && age > activity.ageMax)) return null;
		if (activity.ageMin !== null || activity.ageMax !== null) {
			score += 1;
			reasons.push({ code: 'age' });
		}
	}
	const missing = profile.accessibilityNeeds.filter((need) => !activity.accessibility.includes(need));
	if (missing.length) return null;
	for (const need of profile.accessibilityNeeds) {
		score += 2;
		reasons.push({ code: 'accessibility', detail: need });
	}
	for (const need of profile.skillNeeds) {
		if (activity.skills.some((skill) => serves(catalog, skill, need))) {
			score += 3;
			reasons.push({ code: 'skill', detail: need });
		}
	}
	const shared = activity.languages.filter((l) => profile.languages.includes(l));
	if (shared.length) {
		score += 1;
		reasons.push({ code: 'language', detail: shared[0] });
	} else if (profile.languages.length) score -= 2;
	if (profile.home && activity.lat !== null && activity.lon !== null && activity.mode !== 'online') {
		const km = distanceKm(profile.home, { lat: activity.lat, lon: activity.lon });
		if (km <= 5) score += 2;
		else if (km <= 15) score += 1;
		else if (km > 60) score -= 1;
		if (km <= 15) reasons.push({ code: 'near', detail: km.toFixed(1) });
	}
	if (activity.mode !== 'in_person') {
		score += 0.5;
		reasons.push({ code: 'online' });
	}
	if (profile.interests.includes(activity.type)) {
		score += 1;
		reasons.push({ code: 'interest', detail: activity.type });
	}
	if (activity.qualityLabel) {
		score += 0.5;
		reasons.push({ code: 'quality' });
	}
	return { score, reasons };
}

/**
 * "Recommended for you": upcoming published activities the learner has not joined, ranked by the skills
 * they want to develop, then age, language, accessibility and distance. Candidates are those matching
 * a wanted skill, plus the soonest others, so that a learner with an empty profile still gets a list.
 */
export async function recommendActivities(
	app: Pick<AppContext, 'db' | 'frameworks'>,
	userId: string,
	profile: LearningProfileDto,
	options: { limit: number; now?: Date }
): Promise<Recommendation[]> {
	const now = options.now ?? new Date();
	const wanted = new Set<string>();
	const addBelow = (id: string) => {
		wanted.add(id);
		app.frameworks.childrenOf(id).forEach((child) => addBelow(child.id));
	};
	profile.skillNeeds.forEach(addBelow);
	const soonest = sql`${activities.startsAt} asc nulls last`;
	const order = wanted.size
		? [sql`(${activities.skills} && array[${sql.join([...wanted].map((id) => sql`${id}`), sql`, `)}]::text[]) desc`, soonest]
		: [soonest];
	const rows = await app.db
		.select({ id: activities.id })
		.from(activities)
		.where(
			and(
				eq(activities.status, 'published'),
				or(activities.alwaysOpen, sql`coalesce(${activities.endsAt}, ${activities.startsAt}) >= ${now.toISOString()}::timestamptz`),
				sql`not exists (select 1 from ${enrolments} e where e.activity_id = ${activities.id} and e.user_id = ${userId} and e.status <> 'left')`
			)
		)
		.orderBy(...order)
		.limit(CANDIDATES);
	const records = await loadActivities(app.db, rows.map((r) => r.id));
	return records
		.map((activity) => {
			const scored = scoreActivity(activity, profile, app.frameworks, now);
			return scored ? { activity, ...scored } : null;
		})
		.filter((r): r is Recommendation => r !== null)
		.sort((a, b) => b.score - a.score || (a.activity.startsAt?.getTime() ?? Infinity) - (b.activity.startsAt?.getTime() ?? Infinity))
		.slice(0, options.limit);
}
