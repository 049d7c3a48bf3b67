import crypto from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { credentials } from '../credentials/schema';
import { credentialDate, hashEmail } from '../credentials/openbadge';
import { credentialJwt } from '../credentials/jwt';
import { notFound } from '../http/errors';
import { platformDid, platformKeyPair } from './platform-key';

/**
 * A learner's Comprehensive Learner Record (1EdTech CLR 2.0): every standing credential they hold
 * here, each exactly as its issuer signed it, gathered in one `ClrCredential` that the platform signs.
 * The record is a snapshot (its id is a `urn:uuid`, made again on every export); the credentials
 * inside stay individually verifiable, and the playlist badges are linked to the activity badges
 * they rest on as CLR associations.
 */
export const CLR_CONTEXTS = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
	'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
];
export const CLR_SCHEMA = 'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json';

type Json = Record<string, unknown>;
type Deps = Pick<AppContext, 'db' | 'config' | 'credentialSecret' | 'now'>;

const achievementOf = (document: Json) => (document.credentialSubject as { achievement?: Json } | undefined)?.achievement;

export async function buildClr(app: Pick<Deps, 'db' | 'config' | 'now'>, userId: string, siteName: string): Promise<Json> {
	const [learner] = await app.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
	if (!learner) throw notFound('Account');
	const held = await app.db.select().from(credentials).where(eq(credentials.userId, userId)).orderBy(desc(credentials.issuedAt));
	// Revoked credentials are no longer part of the record; expired ones are (they were earned).
	const standing = held.filter((row) => !row.revokedAt);
	const achievements = new Map<string, Json>();
	for (const row of standing) {
		const achievement = achievementOf(row.document);
		if (achievement && typeof achievement.id === 'string') achievements.set(achievement.id, achievement);
	}
	const byUrl = new Map(standing.map((row) => [String(row.document.id), row.document]));
	const associations = standing.flatMap((row) => {
		if (!row.playlistId) return [];
		const playlistAchievement = achievementOf(row.document)?.id;
		const evidence = Array.isArray(row.document.evidence) ? (row.document.evidence as Json[]) : [];
		return evidence.flatMap((entry) => {
			const step = typeof entry.id === 'string' ? byUrl.get(entry.id) : undefined;
			const stepAchievement = step ? achievementOf(step)?.id : undefined;
			return stepAchievement && playlistAchievement ? [{ type: 'Association', associationType: 'isPartOf', sourceId: stepAchievement, targetId: playlistAchievement }] : [];
		});
	});
	const salt = crypto.randomBytes(12).toString('hex');
	const now = credentialDate(app.now());
	return {
		'@context': CLR_CONTEXTS,
		id: `urn:uuid:${crypto.randomUUID()}`,
		type: ['VerifiableCredential', 'ClrCredential'],
		name: `${siteName}: ${learner.name}`,
		issuer: { id: platformDid(app.config.publicUrl), type: ['Profile'], name: siteName, url: app.config.publicUrl },
		validFrom: now,
		awardedDate: now,
		credentialSubject: {
			type: ['ClrSubject'],
			id: `urn:uuid:${learner.id}`,
			identifier: [{ type: 'IdentityObject', identityHash: hashEmail(learner.email, salt), identityType: 'emailAddress', hashed: true, salt }],
			achievement: [...achievements.values()],
			verifiableCredential: standing.map((row) => row.document),
			...(associations.length ? { association: associations } : {})
		},
		credentialSchema: [{ id: CLR_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]
	};
}

/**
 * The record signed by the platform as a VC-JWT (the CLR 2.0 "compact JWS" form). Not a Data
 * Integrity proof: that needs the CLR JSON-LD context, which cannot be bundled here; a JWT signs the
 * JSON as it is.
 */
export async function signedClr(app: Deps, userId: string, siteName: string): Promise<{ credential: Json; jwt: string }> {
	const credential = await buildClr(app, userId, siteName);
	const jwt = await credentialJwt(credential, await platformKeyPair(app.credentialSecret, app.config.publicUrl));
	return { credential, jwt };
}
