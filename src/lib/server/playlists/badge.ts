import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { credentials } from '../credentials/schema';
import { badgeValidUntil, buildCredential } from '../credentials/openbadge';
import { storeNewCredential } from '../credentials/store';
import { credentialUrl } from '../credentials/did';
import { badgeAwardedMail } from '../credentials/mails';
import { pickText } from '../../i18n/locales';
import { playlistFollowers, playlistItems, playlists } from './schema';
import { playlistProgress } from './progress';
import { effectiveSkills } from './queries';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'logger' | 'mailer'>;

export const playlistAwardKey = (playlistId: string, userId: string) => `playlist:${playlistId}:user:${userId}`;

/** The learner's standing credentials for these activities (revoked ones do not count). */
export async function heldActivityCredentials(app: Pick<Deps, 'db'>, userId: string, activityIds: string[]) {
	if (!activityIds.length) return [];
	return app.db
		.select({ id: credentials.id, activityId: credentials.activityId, name: sql<string>`${credentials.document}->>'name'` })
		.from(credentials)
		.where(and(eq(credentials.userId, userId), inArray(credentials.activityId, activityIds), isNull(credentials.revokedAt)));
}

/**
 * After a learner earned activity badges: every published playlist they follow that holds one of
 * those activities, and whose badge they do not have yet, is checked, and its badge issued when its
 * rules are met. A failure here never undoes the activity award; it is logged, and following the
 * playlist again (or the next award) checks once more.
 */
export async function awardDuePlaylistBadges(app: Deps, userId: string, activityIds?: string[]): Promise<void> {
	const base = app.db
		.selectDistinct({ id: playlists.id })
		.from(playlistFollowers)
		.innerJoin(playlists, eq(playlists.id, playlistFollowers.playlistId));
	const filtered = activityIds
		? base.innerJoin(playlistItems, and(eq(playlistItems.playlistId, playlists.id), inArray(playlistItems.activityId, activityIds)))
		: base;
	const candidates = await filtered.where(
		and(
			eq(playlistFollowers.userId, userId),
			eq(playlists.status, 'published'),
			sql`not exists (select 1 from ${credentials} where ${credentials.awardKey} = 'playlist:' || ${playlists.id} || ':user:' || ${userId})`
		)
	);
	for (const candidate of candidates) {
		try {
			await awardPlaylistBadgeIfDue(app, candidate.id, userId);
		} catch (error) {
			app.logger.error({ err: error, playlistId: candidate.id, userId }, 'issuing a playlist badge failed');
		}
	}
}

/**
 * Issues the playlist's badge to a learner who meets its rules, once: the award key makes a second
 * or concurrent issue return the first. The credentials of the completed activities are its evidence.
 */
export async function awardPlaylistBadgeIfDue(app: Deps, playlistId: string, userId: string) {
	const [playlist] = await app.db
		.select({ playlist: playlists, organisation: organisations, cityLocale: cities.defaultLocale })
		.from(playlists)
		.innerJoin(organisations, eq(organisations.id, playlists.organisationId))
		.innerJoin(cities, eq(cities.id, playlists.cityId))
		.where(eq(playlists.id, playlistId));
	if (!playlist || playlist.playlist.status !== 'published' || playlist.organisation.status !== 'approved') return undefined;
	const awardKey = playlistAwardKey(playlistId, userId);
	const [existing] = await app.db.select().from(credentials).where(eq(credentials.awardKey, awardKey));
	if (existing) return { credential: existing, created: false };

	const items = await app.db
		.select({ activityId: playlistItems.activityId, required: playlistItems.required, skills: activities.skills })
		.from(playlistItems)
		.innerJoin(activities, eq(activities.id, playlistItems.activityId))
		.where(eq(playlistItems.playlistId, playlistId))
		.orderBy(asc(playlistItems.position));
	const held = await heldActivityCredentials(app, userId, items.map((item) => item.activityId));
	const progress = playlistProgress(playlist.playlist, items, new Set(held.map((row) => row.activityId!)));
	if (!progress.met) return undefined;

	const [learner] = await app.db.select({ id: users.id, email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
	if (!learner) return undefined;
	const issuedAt = app.now();
	const validUntil = badgeValidUntil(playlist.playlist.badge, issuedAt);
	if (validUntil && validUntil <= issuedAt) return undefined;
	const { playlist: row, organisation } = playlist;
	const created = await storeNewCredential(app, {
		issuer: { id: organisation.id, cityId: organisation.cityId },
		awardKey,
		build: (credentialId, statusIndex) =>
			buildCredential(
				{
					credentialId,
					publicUrl: app.config.publicUrl,
					organisation,
					achievement: { kind: 'playlist', id: row.id, badge: row.badge, skills: effectiveSkills({ skills: row.skills, items }) },
					locales: [playlist.cityLocale, ...Object.keys(row.title)],
					learner,
					narrative: null,
					evidenceCredentials: held.map((credential) => ({ url: credentialUrl(app.config.publicUrl, credential.id), name: credential.name })),
					statusIndex,
					issuedAt,
					validUntil
				},
				app.frameworks
			),
		row: { playlistId: row.id, userId, awardedBy: null, issuedAt, validUntil },
		audit: { playlistId: row.id, learnerId: userId, automatic: true }
	});
	if (!created) {
		const [winner] = await app.db.select().from(credentials).where(eq(credentials.awardKey, awardKey));
		return winner && { credential: winner, created: false };
	}
	const locale = learner.locale ?? playlist.cityLocale;
	const name = pickText(row.badge.name, locale, Object.keys(row.title))?.text ?? '';
	await app.mailer
		.send(badgeAwardedMail({ ...learner, locale }, { name, issuer: organisation.name, url: credentialUrl(app.config.publicUrl, created.id), signUpUrl: `${app.config.publicUrl}/signup` }, true))
		.catch((error: unknown) => app.logger.error({ err: error }, 'the playlist badge e-mail could not be sent'));
	return { credential: created, created: true };
}

/**
 * After a restart: a process stopped between an activity award and the playlist check that follows it
 * left a follower without the playlist badge they may have earned. Followers holding an item's badge
 * earned since they followed, and no playlist badge yet, are checked again (each issue is idempotent).
 */
export async function resumePlaylistBadges(app: Deps): Promise<number> {
	const rows = await app.db
		.selectDistinct({ playlistId: playlistFollowers.playlistId, userId: playlistFollowers.userId })
		.from(playlistFollowers)
		.innerJoin(playlists, and(eq(playlists.id, playlistFollowers.playlistId), eq(playlists.status, 'published')))
		.innerJoin(playlistItems, eq(playlistItems.playlistId, playlistFollowers.playlistId))
		.innerJoin(
			credentials,
			and(eq(credentials.userId, playlistFollowers.userId), eq(credentials.activityId, playlistItems.activityId), isNull(credentials.revokedAt), gte(credentials.issuedAt, playlistFollowers.followedAt))
		)
		.where(sql`not exists (select 1 from ${credentials} held where held.award_key = 'playlist:' || ${playlistFollowers.playlistId} || ':user:' || ${playlistFollowers.userId})`);
	let issued = 0;
	for (const row of rows) {
		try {
			if ((await awardPlaylistBadgeIfDue(app, row.playlistId, row.userId))?.created) issued++;
		} catch (error) {
			app.logger.error({ err: error, playlistId: row.playlistId }, 'issuing a playlist badge after restart failed');
		}
	}
	return issued;
}
