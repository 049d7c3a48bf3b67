import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, notFound } from '../http/errors';
import { decodeVerifyInput, verifyDecoded, type DecodedCredential, type VerifyInput } from '../credentials/verify-input';
import type { VerificationReport } from '../credentials/verify';
import { importedCredentials, type ImportFormat } from './schema';

type Deps = Pick<AppContext, 'db' | 'config' | 'now'>;
export type ImportedCredentialRow = typeof importedCredentials.$inferSelect;

/**
 * Imports a badge earned elsewhere into the learner's wallet: decoded and checked by the same pipeline
 * as the public verifier, then kept with the verifier's report.
 *
 * What is refused: anything that is not an Open Badge at all, and a credential whose signature does
 * not match (changed after signing, or not signed by the issuer it names). The wallet hands its
 * credentials on to other platforms through the Open Badges API, so keeping a forgery would make this
 * platform pass it on as if its issuer had vouched for it. Everything else is kept with its status
 * shown (expired, revoked, or an issuer whose keys cannot be reached today): those are still true
 * records of what the learner earned, and the learner decides whether to keep them.
 */
export async function importCredential(app: Deps, actor: Actor, input: VerifyInput) {
	const user = requireUser(actor);
	authorize(actor, 'wallet.import');
	const decoded = await decodeVerifyInput(app, input);
	return importDecoded(app, user.user.id, decoded, sourceUrlOf(input, decoded));
}

/**
 * Verifies a decoded credential and keeps it in the learner's wallet; a forgery or a non-badge is
 * refused (`invalid_credential`). Every way in (the page, the API, a wallet app's push) goes through here.
 */
export async function importDecoded(app: Deps, userId: string, decoded: DecodedCredential, sourceUrl: string | null) {
	const report = await verifyDecoded(app, decoded);
	refuseForgeries(report);
	return keepImported(app, userId, decoded, report, sourceUrl);
}

function refuseForgeries(report: VerificationReport): void {
	const failed = (name: string) => report.checks.find((check) => check.check === name)?.ok === false;
	if (failed('format')) throw new AppError('invalid_credential', 'This is not an Open Badge: nothing was imported.', report);
	if (failed('signature')) throw new AppError('invalid_credential', 'The signature does not match: the badge was changed after signing, or not signed by its issuer. Nothing was imported.', report);
}

/** Stores (or refreshes) the credential under its key; `created` says whether it is new. */
async function keepImported(app: Pick<Deps, 'db' | 'now'>, userId: string, decoded: DecodedCredential, report: VerificationReport, sourceUrl: string | null) {
	const ob2 = decoded.ob2Url !== undefined;
	const document = isObject(decoded.credential) ? decoded.credential : { id: decoded.ob2Url, type: 'Assertion' };
	const values = {
		userId,
		credentialKey: credentialKeyOf(document, decoded),
		format: formatOf(decoded),
		specVersion: ob2 ? ('2' as const) : ('3' as const),
		document,
		jwt: decoded.jwt ?? null,
		verification: report,
		valid: report.valid,
		issuerName: report.issuer?.name ?? report.issuer?.id ?? null,
		achievementName: report.achievement?.name ?? null,
		issuedAt: dateOrNull(report.validFrom),
		sourceUrl
	};
	const { userId: _user, credentialKey: _key, ...changes } = values;
	const [row] = await app.db
		.insert(importedCredentials)
		.values(values)
		.onConflictDoUpdate({ target: [importedCredentials.userId, importedCredentials.credentialKey], set: { ...changes, updatedAt: app.now() } })
		// xmax is 0 on a row this statement inserted, and set on one it updated.
		.returning({ id: importedCredentials.id, inserted: sql<boolean>`(xmax = 0)` });
	const kept = await findImported(app, userId, row!.id);
	return { row: kept!, created: row!.inserted };
}

export async function listImportedCredentials(app: Pick<Deps, 'db'>, actor: Actor) {
	const user = requireUser(actor);
	return app.db.select().from(importedCredentials).where(eq(importedCredentials.userId, user.user.id)).orderBy(desc(importedCredentials.createdAt), desc(importedCredentials.id));
}

export async function removeImportedCredential(app: Pick<Deps, 'db'>, actor: Actor, id: string) {
	const user = requireUser(actor);
	const deleted = await app.db
		.delete(importedCredentials)
		.where(and(eq(importedCredentials.id, id), eq(importedCredentials.userId, user.user.id)))
		.returning({ id: importedCredentials.id });
	if (deleted.length === 0) throw notFound('Imported credential');
}

async function findImported(app: Pick<Deps, 'db'>, userId: string, id: string) {
	const [row] = await app.db.select().from(importedCredentials).where(and(eq(importedCredentials.id, id), eq(importedCredentials.userId, userId)));
	return row;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A credential's own id when it has one; otherwise the same JSON (or JWT) gives the same key. */
function credentialKeyOf(document: Record<string, unknown>, decoded: DecodedCredential): string {
	if (decoded.ob2Url) return decoded.ob2Url;
	if (typeof document.id === 'string' && document.id.trim()) return document.id.trim();
	return `sha256:${createHash('sha256').update(decoded.jwt ?? JSON.stringify(document)).digest('hex')}`;
}

function formatOf(decoded: DecodedCredential): ImportFormat {
	if (decoded.source === 'url') return 'url';
	return decoded.jwt ? 'jwt' : decoded.source;
}

function sourceUrlOf(input: VerifyInput, decoded: DecodedCredential): string | null {
	if (decoded.source === 'url') return input.url?.trim() || (typeof input.credential === 'string' ? input.credential.trim() : null);
	return decoded.ob2Url ?? null;
}

function dateOrNull(value: string | null): Date | null {
	const time = value ? Date.parse(value) : NaN;
	return Number.isNaN(time) ? null : new Date(time);
}
