import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { credentials } from '../credentials/schema';
import { credentialUrl } from '../credentials/did';
import { looksLikeJwt } from '../credentials/jwt';
import { decodeVerifyInput } from '../credentials/verify-input';
import { enforceRateLimit } from '../ratelimit/rate-limiter';
import { readBody } from '../http/validation';
import { importedCredentials } from '../wallet/schema';
import { importDecoded } from '../wallet/imports';
import { PersonName } from '../accounts/schemas';
import { findAccessGrant, type Ob3Grant } from './tokens';
import { CORS_HEADERS, json, Ob3Error } from './http';
import type { Scope } from './scopes';

type Deps = Pick<AppContext, 'db' | 'config' | 'now'>;

/** The Bearer access token of the request, which must carry `scope`. */
export async function requireGrant(app: Deps, request: Request, scope: Scope): Promise<Ob3Grant> {
	const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
	if (!bearer) throw new Ob3Error(401, 'unauthorizedrequest', 'Send an access token: Authorization: Bearer <token>.', { 'www-authenticate': 'Bearer realm="ob3"' });
	const grant = await findAccessGrant(app.db, bearer, app.now());
	if (!grant) throw new Ob3Error(401, 'unauthorizedrequest', 'The access token is invalid, expired or revoked.', { 'www-authenticate': 'Bearer realm="ob3", error="invalid_token"' });
	if (!grant.scopes.includes(scope)) {
		throw new Ob3Error(403, 'forbidden', `This access token was not granted the scope ${scope}.`, { 'www-authenticate': `Bearer realm="ob3", error="insufficient_scope", scope="${scope}"` });
	}
	return grant;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

export function parsePaging(url: URL): { limit: number; offset: number; since: Date | undefined } {
	const integer = (name: string, fallback: number, min: number) => {
		const raw = url.searchParams.get(name);
		if (raw === null || raw === '') return fallback;
		if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Ob3Error(400, 'invalid_query_parameter', `${name} must be an integer of at least ${min}.`);
		return Number(raw);
	};
	const limit = Math.min(integer('limit', DEFAULT_LIMIT, 1), MAX_LIMIT);
	const offset = integer('offset', 0, 0);
	const sinceRaw = url.searchParams.get('since');
	const since = sinceRaw ? new Date(sinceRaw) : undefined;
	if (since && (Number.isNaN(since.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(sinceRaw!))) throw new Ob3Error(400, 'invalid_query_parameter', 'since must be a date and time (ISO 8601).');
	return { limit, offset, since };
}

/**
 * The learner's credentials: those issued here, and the Open Badges 3.0 ones they imported (an import
 * of a credential issued here is listed once). A learner holds tens of badges, so the page is cut from
 * the merged list of ids and dates; only the page's documents are read.
 */
export async function listCredentialsPage(app: Deps, grant: Ob3Grant, url: URL): Promise<Response> {
	const { limit, offset, since } = parsePaging(url);
	const importedAt = sql<Date>`coalesce(${importedCredentials.issuedAt}, ${importedCredentials.createdAt})`;
	const [own, imported] = await Promise.all([
		app.db
			.select({ id: credentials.id, at: credentials.issuedAt })
			.from(credentials)
			.where(and(eq(credentials.userId, grant.userId), since ? gt(credentials.issuedAt, since) : undefined)),
		app.db
			.select({ id: importedCredentials.id, key: importedCredentials.credentialKey, at: importedAt })
			.from(importedCredentials)
			.where(and(eq(importedCredentials.userId, grant.userId), eq(importedCredentials.specVersion, '3'), since ? sql`${importedAt} > ${since.toISOString()}::timestamptz` : undefined))
	]);
	const ownUrls = new Set(own.map((row) => credentialUrl(app.config.publicUrl, row.id)));
	const merged = [
		...own.map((row) => ({ kind: 'own' as const, id: row.id, at: new Date(row.at).getTime() })),
		...imported.filter((row) => !ownUrls.has(row.key)).map((row) => ({ kind: 'imported' as const, id: row.id, at: new Date(row.at).getTime() }))
	].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
	const page = merged.slice(offset, offset + limit);
	const ownIds = page.filter((item) => item.kind === 'own').map((item) => item.id);
	const importedIds = page.filter((item) => item.kind === 'imported').map((item) => item.id);
	const [ownDocs, importedDocs] = await Promise.all([
		ownIds.length ? app.db.select({ id: credentials.id, document: credentials.document }).from(credentials).where(inArray(credentials.id, ownIds)) : [],
		importedIds.length ? app.db.select({ id: importedCredentials.id, document: importedCredentials.document, jwt: importedCredentials.jwt }).from(importedCredentials).where(inArray(importedCredentials.id, importedIds)) : []
	]);
	const byId = new Map<string, { document: Record<string, unknown>; jwt?: string | null }>([...ownDocs, ...importedDocs].map((row) => [row.id, row]));
	const body = { credential: [] as Record<string, unknown>[], compactJwsString: [] as string[] };
	for (const item of page) {
		const found = byId.get(item.id);
		if (!found) continue;
		if (found.jwt) body.compactJwsString.push(found.jwt);
		else body.credential.push(found.document);
	}
	return json(body, 200, { 'x-total-count': String(merged.length), link: pagingLinks(`${app.config.publicUrl}/ims/ob/v3p0/credentials`, { limit, offset, since: url.searchParams.get('since') }, merged.length) });
}

/** RFC 8288 links: first and last always, next while the list goes on, prev after the first page. */
export function pagingLinks(base: string, page: { limit: number; offset: number; since: string | null }, total: number): string {
	const at = (offset: number) => {
		const query = new URLSearchParams({ limit: String(page.limit), offset: String(offset) });
		if (page.since) query.set('since', page.since);
		return `<${base}?${query}>`;
	};
	const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / page.limit) * page.limit;
	const links = [];
	if (page.offset + page.limit < total) links.push(`${at(page.offset + page.limit)}; rel="next"`);
	links.push(`${at(lastOffset)}; rel="last"`, `${at(0)}; rel="first"`);
	if (page.offset > 0) links.push(`${at(Math.max(0, Math.min(page.offset - page.limit, lastOffset)))}; rel="prev"`);
	return links.join(', ');
}

const MAX_PUSHED_BYTES = 1024 * 1024;

/**
 * A wallet pushes a credential: JSON (application/json, application/vc+ld+json) or a VC-JWT as
 * text/plain. It is verified and kept as an import, under the same rules as one the learner imports
 * (forgeries refused); the answer echoes it, 201 when new and 200 when it was already there.
 */
export async function upsertCredential(app: Deps, grant: Ob3Grant, request: Request): Promise<Response> {
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	const text = Buffer.from(await readBody(request, MAX_PUSHED_BYTES)).toString('utf8').trim();
	let input: Record<string, unknown> | string;
	if (type.startsWith('text/plain')) {
		if (!looksLikeJwt(text)) throw new Ob3Error(400, 'invalid_data', 'A text/plain body must be a VC-JWT (a compact JWS).');
		input = text;
	} else if (/^application\/([\w.+-]+\+)?json\b/.test(type)) {
		const parsed = parseJsonObject(text);
		if (!parsed) throw new Ob3Error(400, 'invalid_data', 'The body must be a JSON object: an OpenBadgeCredential.');
		input = parsed;
	} else {
		throw new Ob3Error(400, 'invalid_data', 'Send the credential as application/json, or a VC-JWT as text/plain.');
	}
	// Verifying may fetch from the network: limited per learner, as the wallet's own import is per address.
	await enforceRateLimit(app.db, [`verify:user:${grant.userId}`], app.config.rateLimits.verify);
	const { created } = await importDecoded(app, grant.userId, await decodeVerifyInput(app, { credential: input }), null);
	const status = created ? 201 : 200;
	if (typeof input === 'string') return new Response(input, { status, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store', ...CORS_HEADERS } });
	return json(input, status);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** The learner as an Open Badges Profile; the id is the one their credentials name them by. */
export async function readProfile(app: Deps, grant: Ob3Grant) {
	const [user] = await app.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, grant.userId));
	if (!user) throw new Ob3Error(404, 'not_found', 'This account no longer exists.');
	return {
		'@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
		type: ['Profile'],
		id: `urn:uuid:${user.id}`,
		name: user.name,
		email: user.email
	};
}

/**
 * Updates the name. The e-mail address is read-only here: it is how the person signs in and resets
 * their password, so an app holding a token could otherwise take the account over. It changes only
 * through the account page, with the address confirmed by mail.
 */
export async function updateProfile(app: Deps, grant: Ob3Grant, request: Request) {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new Ob3Error(400, 'invalid_data', 'Send the Profile as application/json.');
	const profile = parseJsonObject(Buffer.from(await readBody(request, 64 * 1024)).toString('utf8'));
	if (!profile) throw new Ob3Error(400, 'invalid_data', 'The body must be a JSON object: a Profile.');
	const name = PersonName.safeParse(profile.name);
	if (!name.success) throw new Ob3Error(400, 'invalid_data', 'name is required: 1 to 100 characters.');
	const current = await readProfile(app, grant);
	if (profile.email !== undefined && (typeof profile.email !== 'string' || profile.email.trim().toLowerCase() !== current.email.toLowerCase())) {
		throw new Ob3Error(400, 'invalid_data', 'The e-mail address cannot be changed through this API; change it on the account page.');
	}
	await app.db.update(users).set({ name: name.data }).where(eq(users.id, grant.userId));
	return { ...current, name: name.data };
}
