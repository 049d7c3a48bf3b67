/**
 * Property-based tests (fast-check): every operation in the API's OpenAPI document receives random,
 * hostile input (bodies of the wrong type, broken JSON, huge strings, odd Unicode, prototype-pollution
 * keys, ids that name nothing, junk query strings), signed in as an organiser, a learner or the
 * platform admin. Every answer must be under 500 and, when it is an error, in the error shape of
 * PRODUCT.md; every write must be refused with a 4xx; and nothing may change (the lists the API shows
 * are the same before and after).
 *
 * Runs are bounded per operation (HOSTILE_RUNS, default 10; HOSTILE_MS, default 1500 ms) so the suite
 * stays within a minute or two. A failure prints fast-check's seed and counterexample: rerun with
 * HOSTILE_SEED=<seed> to replay it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api';
import { activityBody, approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from './support/factories';
import { hostileBody, hostileId, hostileQuery, operationsOf, type Operation } from './support/hostile';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10);
const TIME_LIMIT_MS = Number(process.env.HOSTILE_MS ?? 1500);
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;

/**
 * Operations that take no input at all, so no input can be wrong: calling them signed in does what
 * they are for (ending the session, sending a mail, making a feed address). Their own tests cover them.
 */
const NO_INPUT = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/resend-verification', 'POST /api/v1/me/calendar-feed']);

let platform: Platform;
let actors: Record<'organiser' | 'learner' | 'admin', ApiClient>;
/** Real ids by the path's resource, so hostile bodies reach the services and not only the 404. */
let realIds: Record<string, string>;
let snapshotPaths: Array<[ApiClient, string]>;

beforeAll(async () => {
	platform = await startPlatform();
	const { city, owner, organisation, cityAdmin } = await approvedOrganisation(platform);
	const activity = await publishedActivity(owner, organisation.id);
	const draft = await owner.post('/api/v1/activities', activityBody(organisation.id, { title: { en: 'A draft' } }));
	expect(draft.status).toBe(201);
	const learner = await signUp(platform, 'learner');
	const enrolment = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
	expect(enrolment.status, JSON.stringify(enrolment.body)).toBe(201);
	const playlist = await owner.post('/api/v1/playlists', {
		organisationId: organisation.id,
		title: { en: 'A path' },
		description: { en: 'A story.' },
		items: [{ activityId: activity.id }]
	});
	expect(playlist.status, JSON.stringify(playlist.body)).toBe(201);
	actors = { organiser: owner, learner, admin: platform.admin };
	realIds = {
		activities: activity.id,
		organisations: organisation.id,
		playlists: playlist.body.id,
		enrolments: enrolment.body.enrolment.id,
		cities: city.slug,
		profiles: learner.userId,
		userId: cityAdmin.userId
	};
	snapshotPaths = [
		[platform.admin, '/api/v1/cities'],
		[platform.admin, `/api/v1/cities/${city.slug}`],
		[platform.admin, `/api/v1/cities/${city.slug}/admins`],
		[platform.admin, `/api/v1/cities/${city.slug}/quality-checklist`],
		[platform.admin, `/api/v1/organisations?city=${city.slug}`],
		[owner, `/api/v1/organisations/${organisation.id}`],
		[owner, `/api/v1/organisations/${organisation.id}/members`],
		[owner, `/api/v1/organisations/${organisation.id}/invitations`],
		[owner, `/api/v1/organisations/${organisation.id}/activities`],
		[owner, `/api/v1/activities/${activity.id}`],
		[owner, `/api/v1/activities/${draft.body.id}`],
		[owner, `/api/v1/activities/${activity.id}/enrolments`],
		[owner, `/api/v1/activities/${activity.id}/claim-codes`],
		[owner, `/api/v1/playlists/${playlist.body.id}`],
		[owner, '/api/v1/imports'],
		[owner, '/api/v1/me'],
		[learner, '/api/v1/me'],
		[learner, '/api/v1/me/enrolments'],
		[learner, '/api/v1/me/credentials'],
		[learner, '/api/v1/me/learning-profile'],
		[learner, '/api/v1/me/public-profile'],
		[learner, '/api/v1/me/imported-credentials'],
		[learner, '/api/v1/me/tokens'],
		[learner, '/api/v1/me/playlists']
	];
});
afterAll(async () => platform?.server.stop());

async function snapshot(): Promise<string[]> {
	return Promise.all(snapshotPaths.map(async ([client, path]) => `${path} ${JSON.stringify((await client.get(path)).body)}`));
}

/** The path with each parameter filled: a real id (writes only with a body) or a hostile one. */
function pathFor(operation: Operation, useRealIds: boolean): fc.Arbitrary<string> {
	const segments = operation.path.split('/');
	const parts = segments.map((segment, index) => {
		const name = /^\{(\w+)\}$/.exec(segment)?.[1];
		if (!name) return fc.constant(segment);
		const real = name === 'id' || name === 'slug' ? realIds[segments[index - 1]!] : realIds[name];
		return useRealIds && real ? fc.oneof(fc.constant(real), hostileId) : hostileId;
	});
	return fc.tuple(...parts).map((p) => p.join('/'));
}

interface Request {
	path: string;
	query: string;
	body: string | undefined;
	contentType: string;
	actor: keyof typeof actors;
}

function requestsFor(operation: Operation): fc.Arbitrary<Request> {
	const isRead = operation.method === 'GET';
	const hasPathParameters = operation.path.includes('{');
	// A write with a valid id and no wrong body would simply succeed: only hostile ids then.
	const mayUseRealIds = isRead || operation.body !== undefined || operation.takesBytes;
	const body: fc.Arbitrary<string | undefined> = operation.body
		? hostileBody(operation.body)
		: operation.takesBytes
			? fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes).toString('latin1')), fc.constantFrom('<svg onload="alert(1)"/>', 'GIF89a', '\x89PNG\r\n\x1a\n'))
			: fc.constant(undefined);
	const contentType = operation.takesBytes
		? fc.constantFrom('image/png', 'image/svg+xml', 'application/json', 'text/plain')
		: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/xml') });
	return fc.record({
		path: hasPathParameters ? pathFor(operation, mayUseRealIds) : fc.constant(operation.path),
		query: isRead ? hostileQuery(operation.parameters) : fc.oneof(fc.constant(''), hostileQuery(operation.parameters)),
		body,
		contentType,
		actor: fc.constantFrom('organiser', 'learner', 'admin')
	});
}

async function send(operation: Operation, request: Request) {
	const url = `${platform.server.url}${request.path}${request.query ? `?${request.query}` : ''}`;
	const response = await fetch(url, {
		method: operation.method,
		headers: {
			authorization: `Bearer ${actors[request.actor].token}`,
			// A browser-less client: the same origin as the server, so the cross-site form check passes.
			origin: platform.server.url,
			...(request.body !== undefined ? { 'content-type': request.contentType } : {})
		},
		body: request.body === undefined ? undefined : Buffer.from(request.body, operation.takesBytes ? 'latin1' : 'utf8')
	});
	const text = await response.text();
	return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

function describeRequest(operation: Operation, request: Request): string {
	const cut = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}… (${text.length} chars)` : text);
	const body = request.body === undefined ? '' : ` body(${request.contentType})=${cut(request.body)}`;
	return `${operation.method} ${cut(request.path)}${request.query ? `?${cut(request.query)}` : ''} as ${request.actor}${body}`;
}

function changesSince(name: string, before: string[], after: string[]): string[] {
	const changed = after.filter((line, i) => line !== before[i]);
	return changed.length > 0 ? [`${name} changed data:\n${changed.map((c) => c.slice(0, 300)).join('\n')}`] : [];
}

/** What is wrong with an answer to hostile input, if anything. */
function problemWith(operation: Operation, answer: { status: number; type: string; text: string }): string | undefined {
	if (answer.status >= 500) return 'server error';
	if (operation.method !== 'GET' && answer.status < 400) return 'a write was accepted';
	if (answer.status < 400) return undefined;
	if (!answer.type.includes('json')) return 'error not in JSON';
	let body: { error?: { code?: unknown; message?: unknown } };
	try {
		body = JSON.parse(answer.text) as typeof body;
	} catch {
		return 'error not valid JSON';
	}
	if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') return 'error not in the error shape';
	return undefined;
}

describe('hostile input to every API operation', () => {
	it('is answered with a 4xx in the error shape (never a 5xx), and changes nothing', { timeout: 600_000 }, async () => {
		const document = await (await fetch(`${platform.server.url}/api/openapi.json`)).json();
		const operations = operationsOf(document);
		expect(operations.length).toBeGreaterThan(50);
		const failures: string[] = [];
		const initial = await snapshot();
		for (const operation of operations) {
			const name = `${operation.method} ${operation.path}`;
			if (NO_INPUT.has(name)) continue;
			// Reads are compared once, all together, at the end: snapshots cost time.
			const before = operation.method === 'GET' ? undefined : await snapshot();
			let lastFailure = '';
			try {
				await fc.assert(
					fc.asyncProperty(requestsFor(operation), async (request) => {
						let answer: Awaited<ReturnType<typeof send>>;
						try {
							answer = await send(operation, request);
						} catch (error) {
							lastFailure = `no answer (${(error as Error).message}): ${describeRequest(operation, request)}`;
							return false;
						}
						const label = `${describeRequest(operation, request)} -> ${answer.status} ${answer.text.slice(0, 200)}`;
						const problem = problemWith(operation, answer);
						if (problem) lastFailure = `${problem}: ${label}`;
						return problem === undefined;
					}),
					{ numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, seed: SEED, endOnFailure: true }
				);
			} catch (error) {
				// fast-check's own message repeats the whole (possibly huge) counterexample: keep its seed only.
				const replay = /seed: (-?\d+), path: "([^"]*)"/.exec((error as Error).message);
				failures.push(`${name}: ${lastFailure || (error as Error).message.slice(0, 500)} [seed ${replay?.[1]}, path ${replay?.[2]}]`);
			}
			if (before) failures.push(...changesSince(name, before, await snapshot()));
		}
		failures.push(...changesSince('all operations together', initial, await snapshot()));
		expect(failures, failures.join('\n\n')).toEqual([]);
	});
});
