import { and, eq, isNull } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { BASE_LOCALE, isLocale } from '../../i18n/locales';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { users } from '../accounts/schema';
import { cities } from '../cities/schema';
import type { Db } from '../db/database';
import { AppError, notFound } from '../http/errors';
import { requireUser } from '../policies/policies';
import { enforceRateLimit } from '../ratelimit/rate-limiter';
import { hashSecret, newSecret } from '../shared/secrets';
import { guardianConsents, learnerProfiles } from './schema';
import type { GuardianConsentDto, GuardianConsentInput } from './guardian-schemas';

type Deps = Pick<AppContext, 'db' | 'mailer' | 'config' | 'now'>;

/** A guardian has two weeks to answer; the learner can ask again at any time. */
const LINK_DAYS = 14;
/** Each request sends an e-mail to an address the learner typed: a few an hour is plenty. */
const REQUESTS_PER_HOUR = { limit: 5, windowSeconds: 3600 };

export const guardianConsentPath = (token: string) => `/guardian-consent/${token}`;

/**
 * The age a learner is sure to have reached this year: only the birth year is known, and a city's
 * safeguarding rule should ask for consent when in doubt (someone born in 2010 is 15 or 16 in 2026).
 */
export function certainAge(birthYear: number, now: Date): number {
	return now.getUTCFullYear() - birthYear - 1;
}

export async function myGuardianConsent(app: Pick<Deps, 'db' | 'now'>, actor: Actor): Promise<GuardianConsentDto> {
	const user = requireUser(actor);
	const [row] = await app.db.select().from(guardianConsents).where(eq(guardianConsents.userId, user.user.id));
	return presentConsent(row, app.now());
}

function presentConsent(row: typeof guardianConsents.$inferSelect | undefined, now: Date): GuardianConsentDto {
	if (!row) return { status: 'none', guardianName: null, guardianEmail: null, requestedAt: null, confirmedAt: null };
	const status = row.confirmedAt ? 'confirmed' : row.expiresAt < now ? 'expired' : 'requested';
	return { status, guardianName: row.guardianName, guardianEmail: row.guardianEmail, requestedAt: row.requestedAt.toISOString(), confirmedAt: row.confirmedAt?.toISOString() ?? null };
}

/**
 * Asks a guardian for consent: a new link, mailed to them in the learner's language. A confirmed
 * consent stays until the learner asks again (for another guardian, say), which starts over.
 */
export async function requestGuardianConsent(app: Deps, actor: Actor, input: GuardianConsentInput): Promise<GuardianConsentDto> {
	const user = requireUser(actor);
	const guardianEmail = input.guardianEmail.trim().toLowerCase();
	if (guardianEmail === user.user.email.toLowerCase()) {
		throw new AppError('validation_failed', 'The guardian’s e-mail address must not be your own.', [{ path: 'guardianEmail', code: 'own_email', message: 'must be someone else’s address' }]);
	}
	await enforceRateLimit(app.db, [`guardian-consent:${user.user.id}`], REQUESTS_PER_HOUR);
	const token = newSecret();
	const now = app.now();
	const values = { guardianName: input.guardianName.trim(), guardianEmail, tokenHash: hashSecret(token), requestedAt: now, expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000), confirmedAt: null };
	const [row] = await app.db
		.insert(guardianConsents)
		.values({ userId: user.user.id, ...values })
		.onConflictDoUpdate({ target: guardianConsents.userId, set: values })
		.returning();
	const locale = isLocale(user.user.locale) ? user.user.locale : BASE_LOCALE;
	const url = `${app.config.publicUrl}${guardianConsentPath(token)}`;
	await app.mailer.send({
		kind: 'guardian_consent',
		to: guardianEmail,
		subject: m.mail_guardian_subject({ name: user.user.name }, { locale }),
		text: m.mail_guardian_body({ guardian: values.guardianName, name: user.user.name, url, days: String(LINK_DAYS) }, { locale })
	});
	return presentConsent(row, now);
}

/**
 * What the guardian's link asks: whose consent, for whom, and whether it was given already (a guardian
 * may open the link again). A replaced link, or one that expired unanswered, is not found.
 */
export async function findConsentRequest(app: Pick<Deps, 'db' | 'now'>, token: string) {
	const [row] = await app.db
		.select({ learnerName: users.name, guardianName: guardianConsents.guardianName, expiresAt: guardianConsents.expiresAt, confirmedAt: guardianConsents.confirmedAt })
		.from(guardianConsents)
		.innerJoin(users, eq(users.id, guardianConsents.userId))
		.where(eq(guardianConsents.tokenHash, hashSecret(token)));
	if (!row || (!row.confirmedAt && row.expiresAt < app.now())) throw notFound('Consent request');
	return { learnerName: row.learnerName, guardianName: row.guardianName, confirmed: row.confirmedAt !== null };
}

/** The guardian says yes. The link works once. */
export async function confirmGuardianConsent(app: Pick<Deps, 'db' | 'now'>, token: string): Promise<{ learnerName: string }> {
	const request = await findConsentRequest(app, token);
	if (request.confirmed) throw notFound('Consent request');
	const confirmed = await app.db
		.update(guardianConsents)
		.set({ confirmedAt: app.now() })
		// The condition again in the update: two clicks at once confirm once, the second finds nothing.
		.where(and(eq(guardianConsents.tokenHash, hashSecret(token)), isNull(guardianConsents.confirmedAt)))
		.returning({ confirmedAt: guardianConsents.confirmedAt });
	if (confirmed.length === 0) throw notFound('Consent request');
	return { learnerName: request.learnerName };
}

type GuardianStep = 'age_required' | 'guardian_consent_required';

/**
 * What a city's guardian rule still asks of a learner before they can join there, if anything: their
 * birth year, or (under the city's age) a confirmed guardian consent. One query for the city's rule,
 * the birth year and the consent: the activity page asks it for every signed-in visitor.
 */
async function guardianRule(db: Db, cityId: string, userId: string, now: Date): Promise<{ step: GuardianStep | null; under: number | null }> {
	const [row] = await db
		.select({ under: cities.guardianConsentUnder, birthYear: learnerProfiles.birthYear, confirmedAt: guardianConsents.confirmedAt })
		.from(cities)
		.leftJoin(learnerProfiles, eq(learnerProfiles.userId, userId))
		.leftJoin(guardianConsents, eq(guardianConsents.userId, userId))
		.where(eq(cities.id, cityId));
	const under = row?.under ?? null;
	if (under === null) return { step: null, under };
	if (row?.birthYear == null) return { step: 'age_required', under };
	if (certainAge(row.birthYear, now) >= under || row.confirmedAt) return { step: null, under };
	return { step: 'guardian_consent_required', under };
}

/** For pages: what the learner must do first, said before they try to join. */
export async function guardianStepFor(db: Db, cityId: string, userId: string, now: Date): Promise<GuardianStep | null> {
	return (await guardianRule(db, cityId, userId, now)).step;
}

/** The city's rule for joining, checked inside the joining transaction. */
export async function requireGuardianConsentWhereNeeded(db: Db, cityId: string, userId: string, now: Date): Promise<void> {
	const { step, under } = await guardianRule(db, cityId, userId, now);
	if (step === 'age_required') {
		throw new AppError('age_required', `This city asks learners under ${under} for a guardian’s consent: add your year of birth to your learning profile first.`, { under });
	}
	if (step === 'guardian_consent_required') {
		throw new AppError('guardian_consent_required', `Learners under ${under} need a guardian’s consent to join activities in this city. Ask for it under "Guardian’s consent" in your account (POST /api/v1/me/guardian-consent).`, { under });
	}
}
