import { randomBytes } from 'node:crypto';
import { hashSecret } from '../shared/secrets';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { SignedInActor } from '../auth/actor';
import { validateSkillIds } from '../frameworks/service';
import { learnerProfiles } from './schema';
import type { LearningProfileDto, LearningProfileInput } from './schemas';
import type { AccessibilityFeature, ActivityType } from '../../activities/vocabulary';

type Deps = Pick<AppContext, 'db' | 'frameworks'>;

export async function getLearningProfile(app: Pick<AppContext, 'db'>, userId: string): Promise<LearningProfileDto> {
	const [row] = await app.db.select().from(learnerProfiles).where(eq(learnerProfiles.userId, userId));
	return {
		birthYear: row?.birthYear ?? null,
		languages: row?.languages ?? [],
		accessibilityNeeds: (row?.accessibilityNeeds ?? []) as AccessibilityFeature[],
		inclusionStatsConsent: row?.inclusionStatsConsent ?? false,
		skillNeeds: row?.skillNeeds ?? [],
		interests: (row?.interests ?? []) as ActivityType[],
		home: row?.homeLat != null && row.homeLon != null ? { lat: row.homeLat, lon: row.homeLon } : null
	};
}

/** Saves what the learner chose to tell; fields left out stay as they were. */
export async function updateLearningProfile(app: Deps, actor: SignedInActor, input: LearningProfileInput): Promise<LearningProfileDto> {
	const skillNeeds = input.skillNeeds ? validateSkillIds(app.frameworks, input.skillNeeds, { path: 'skillNeeds' }) : undefined;
	const values = {
		...(input.birthYear !== undefined && { birthYear: input.birthYear }),
		...(input.languages !== undefined && { languages: [...new Set(input.languages)] }),
		...(input.accessibilityNeeds !== undefined && { accessibilityNeeds: input.accessibilityNeeds }),
		...(input.inclusionStatsConsent !== undefined && { inclusionStatsConsent: input.inclusionStatsConsent }),
		...(skillNeeds !== undefined && { skillNeeds }),
		...(input.interests !== undefined && { interests: input.interests }),
		...(input.home !== undefined && { homeLat: input.home?.lat ?? null, homeLon: input.home?.lon ?? null })
	};
	await app.db
		.insert(learnerProfiles)
		.values({ userId: actor.user.id, ...values })
		.onConflictDoUpdate({ target: learnerProfiles.userId, set: { ...values, updatedAt: new Date() } });
	return getLearningProfile(app, actor.user.id);
}


/**
 * A new secret address for the learner's calendar feed (the previous one stops working). Only its hash
 * is kept, so the address is shown once.
 */
export async function renewCalendarFeed(app: Pick<AppContext, 'db' | 'config'>, actor: SignedInActor): Promise<string> {
	const token = randomBytes(24).toString('base64url');
	await app.db
		.insert(learnerProfiles)
		.values({ userId: actor.user.id, calendarTokenHash: hashSecret(token) })
		.onConflictDoUpdate({ target: learnerProfiles.userId, set: { calendarTokenHash: hashSecret(token) } });
	return `${app.config.publicUrl}/calendar/${token}.ics`;
}

export async function userByCalendarToken(app: Pick<AppContext, 'db'>, token: string): Promise<string | undefined> {
	const [row] = await app.db.select({ userId: learnerProfiles.userId }).from(learnerProfiles).where(eq(learnerProfiles.calendarTokenHash, hashSecret(token)));
	return row?.userId;
}
