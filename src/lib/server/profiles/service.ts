import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { requireUser } from '../policies/policies';
import { notFound, validationFailed } from '../http/errors';
import { isUuid } from '../http/validation';
import { credentials } from '../credentials/schema';
import { publicProfiles } from './schema';
import type { MyPublicProfileDto, PublicProfileInput } from './schemas';

type Deps = Pick<AppContext, 'db' | 'config'>;

export const profileUrl = (publicUrl: string, id: string) => `${publicUrl}/profiles/${id}`;

/**
 * The signed-in learner's own public profile settings. Self-service: a learner only ever reads and
 * writes the row keyed by their own user id, so there is no one else's scope to authorise against.
 */
export async function getMyPublicProfile(app: Deps, actor: Actor): Promise<MyPublicProfileDto> {
	const user = requireUser(actor);
	const [row] = await app.db.select().from(publicProfiles).where(eq(publicProfiles.userId, user.user.id));
	return {
		enabled: row?.enabled ?? false,
		id: row?.id ?? null,
		url: row ? profileUrl(app.config.publicUrl, row.id) : null,
		displayName: row?.displayName ?? user.user.name,
		headline: row?.headline ?? '',
		credentialIds: row?.credentialIds ?? []
	};
}

/**
 * Switches the profile on or off and chooses what it shows. Only the learner's own credentials can be
 * chosen (anything else is a 422 naming the field, and nothing is saved).
 */
export async function updateMyPublicProfile(app: Deps, actor: Actor, input: PublicProfileInput): Promise<MyPublicProfileDto> {
	const user = requireUser(actor);
	const chosen = input.credentialIds ? [...new Set(input.credentialIds)] : undefined;
	if (chosen?.length) {
		const owned = await app.db
			.select({ id: credentials.id })
			.from(credentials)
			.where(and(eq(credentials.userId, user.user.id), inArray(credentials.id, chosen)));
		const ownedIds = new Set(owned.map((row) => row.id));
		const foreign = chosen.findIndex((id) => !ownedIds.has(id));
		if (foreign >= 0) throw validationFailed([{ path: `credentialIds.${foreign}`, code: 'invalid_value', message: 'Choose among your own credentials.' }]);
	}
	const values = {
		enabled: input.enabled,
		...(input.displayName !== undefined && { displayName: input.displayName }),
		...(input.headline !== undefined && { headline: input.headline }),
		...(chosen !== undefined && { credentialIds: chosen })
	};
	await app.db
		.insert(publicProfiles)
		.values({ userId: user.user.id, displayName: user.user.name, ...values })
		.onConflictDoUpdate({ target: publicProfiles.userId, set: { ...values, updatedAt: new Date() } });
	return getMyPublicProfile(app, actor);
}

/**
 * A profile as anyone may see it: only while switched on, and only the chosen credentials that are
 * still the learner's and not revoked, in the learner's order. Off or unknown is the same 404, so
 * that nobody learns whether a profile exists.
 */
export async function findPublicProfile(app: Pick<AppContext, 'db'>, id: string) {
	if (!isUuid(id)) throw notFound('Profile');
	const [profile] = await app.db.select().from(publicProfiles).where(and(eq(publicProfiles.id, id), eq(publicProfiles.enabled, true)));
	if (!profile) throw notFound('Profile');
	const rows = profile.credentialIds.length
		? await app.db
				.select()
				.from(credentials)
				.where(and(inArray(credentials.id, profile.credentialIds), eq(credentials.userId, profile.userId), isNull(credentials.revokedAt)))
		: [];
	const order = new Map(profile.credentialIds.map((credentialId, index) => [credentialId, index]));
	return { profile, credentials: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
}
