import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import type { Logger } from '../logging/logger';
import type { Locale } from '../../i18n/locales';
import { AppError, errorBody, errorStatus, unauthenticated, type ErrorCode } from './errors';
import { containsNul, DEFAULT_JSON_LIMIT, isUuid, nulRefused, parseWith, readJsonBody, searchParamsToObject } from './validation';

/** What an API endpoint declares about itself; the OpenAPI document is generated from it. */
export interface EndpointSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
	summary: string;
	description?: string;
	tags: string[];
	/** `public`: anyone; `user`: a signed-in person (session or Bearer token). Services enforce roles. */
	access: 'public' | 'user';
	body?: B;
	query?: Q;
	response?: z.ZodType;
	/** Status of a successful answer (200 by default; 201 for creations, 204 for no content). */
	status?: 200 | 201 | 202 | 204;
	/** Also answers 202 with this description (work handed to a background job), for the API document. */
	accepted?: string;
	/** Error codes worth documenting beyond the common ones. */
	errors?: ErrorCode[];
	bodyLimit?: number;
	/**
	 * For public reads: lets browsers, proxies and the server's own response cache keep the answer for
	 * this many seconds (`Cache-Control: public, max-age=N`). Everything else is `no-store`.
	 */
	cacheSeconds?: number;
	/**
	 * A busy public read that server.js may answer for anonymous visitors without going through
	 * SvelteKit (see direct-lane.ts). Only GET endpoints without path parameters, whose handler reads
	 * nothing from the RequestEvent (its context has no `event`; nor may it call SvelteKit's
	 * `getRequestEvent`). The request's language is set for Paraglide in both lanes.
	 */
	direct?: boolean;
}

export interface EndpointContext<B, Q> {
	event: RequestEvent;
	app: AppContext;
	actor: Actor;
	logger: Logger;
	/** The language of the request (the person's, their chosen one, or the browser's). */
	locale: Locale;
	body: B;
	query: Q;
	params: Record<string, string>;
	/** Headers added to the answer, for example better-auth's Set-Cookie. */
	headers: Headers;
}

/** What a direct endpoint's handler gets: everything but the SvelteKit RequestEvent (and a body). */
export type DirectContext<Q> = Omit<EndpointContext<undefined, Q>, 'event' | 'body'>;

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** An API answer before it becomes a Response (SvelteKit) or is written to Node's response (direct lane). */
export interface Answer {
	status: number;
	headers: Headers;
	body: Buffer<ArrayBuffer> | null;
}

/** What the direct lane knows of a request: no RequestEvent, an anonymous visitor. */
export interface DirectRequest {
	app: AppContext;
	actor: Actor;
	logger: Logger;
	locale: Locale;
	searchParams: URLSearchParams;
}

export type DocumentedHandler = RequestHandler & {
	spec: EndpointSpec<z.ZodType | undefined, z.ZodType | undefined>;
	/** Set on direct endpoints: the same handling without SvelteKit, for server.js's direct lane. */
	direct?: (request: DirectRequest) => Promise<Answer>;
};

/** The public error shape as an answer, with its length (both lanes). */
export function errorAnswer(error: AppError): Answer {
	const body = Buffer.from(JSON.stringify(errorBody(error.code, error.message, error.details)));
	const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': String(body.length), ...error.headers });
	return { status: error.status, headers, body };
}

export function jsonError(error: AppError): Response {
	return toResponse(errorAnswer(error));
}

const toResponse = (answer: Answer) => new Response(answer.body, { status: answer.status, headers: answer.headers });

/**
 * Wraps an API handler: parses and validates the query and JSON body with the declared zod schemas,
 * turns AppErrors into the public error shape, and masks anything unexpected as a logged 500.
 * Endpoints declared `direct` get a handler without the RequestEvent and can also be served by
 * server.js's direct lane, through the same validation and answer.
 */
export function endpoint<Q extends z.ZodType | undefined = undefined>(
	spec: EndpointSpec<undefined, Q> & { direct: true },
	handler: (ctx: DirectContext<Parsed<Q>>) => Promise<unknown>
): DocumentedHandler;
export function endpoint<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
	spec: EndpointSpec<B, Q> & { direct?: false },
	handler: (ctx: EndpointContext<Parsed<B>, Parsed<Q>>) => Promise<unknown>
): DocumentedHandler;
export function endpoint(
	spec: EndpointSpec<z.ZodType | undefined, z.ZodType | undefined>,
	handler: (ctx: EndpointContext<unknown, unknown>) => Promise<unknown>
): DocumentedHandler {
	const handle: RequestHandler = async (event) => {
		const { app, actor, logger, locale } = event.locals;
		const params = event.params as Record<string, string>;
		const answered = await answer(spec, { app, actor, logger, locale, searchParams: event.url.searchParams, params }, async (ctx) => {
			const body = spec.body ? parseWith(spec.body, await requestBody(event.request, spec)) : undefined;
			return handler({ ...ctx, event, body });
		});
		return answered instanceof Response ? answered : toResponse(answered);
	};
	const direct = spec.direct
		? async (request: DirectRequest) => {
				const answered = await answer(spec, { ...request, params: {} }, (ctx) => handler(ctx as EndpointContext<unknown, unknown>));
				if (!(answered instanceof Response)) return answered;
				return { status: answered.status, headers: answered.headers, body: answered.body ? Buffer.from(await answered.arrayBuffer()) : null };
			}
		: undefined;
	return Object.assign(handle, { spec, direct });
}

/** The part of an endpoint both lanes share: access, query, the handler's result as JSON, errors. */
async function answer(
	spec: EndpointSpec<z.ZodType | undefined, z.ZodType | undefined>,
	request: DirectRequest & { params: Record<string, string> },
	run: (ctx: Omit<EndpointContext<unknown, unknown>, 'event' | 'body'>) => Promise<unknown>
): Promise<Answer | Response> {
	const { app, actor, logger, locale, searchParams, params } = request;
	try {
		if (spec.access === 'user' && actor.kind !== 'user') throw unauthenticated();
		if (containsNul(params) || containsNul([...searchParams])) throw nulRefused('The address');
		const query = spec.query ? parseWith(spec.query, searchParamsToObject(searchParams)) : undefined;
		const headers = new Headers();
		const result = await run({ app, actor, logger, locale, query, params, headers });
		if (result instanceof Response) return result;
		const status = spec.status ?? 200;
		headers.set('cache-control', spec.cacheSeconds ? `public, max-age=${spec.cacheSeconds}` : 'no-store');
		if (status === 204) return { status, headers, body: null };
		headers.set('content-type', 'application/json');
		// With its length the answer goes out in one piece instead of as chunks with an end marker.
		// Encoded here once: a string body would be checked and encoded again by Response, and
		// measured a third time for the length (a search answer's bytes took 40 µs instead of 60–80).
		const bytes = Buffer.from(JSON.stringify(result));
		headers.set('content-length', String(bytes.length));
		return { status, headers, body: bytes };
	} catch (error) {
		if (error instanceof AppError) return errorAnswer(error);
		logger.error({ err: error }, 'unexpected error in API handler');
		return errorAnswer(new AppError('internal', 'Something went wrong on our side. The error has been logged.'));
	}
}

/**
 * The request's JSON body. A request with no body at all (no Content-Type, no content) is fine when
 * the endpoint's schema accepts undefined (an optional body, such as `.default({})`).
 */
async function requestBody(request: Request, spec: { body?: z.ZodType | undefined; bodyLimit?: number | undefined }): Promise<unknown> {
	const sent = request.headers.get('content-type') || Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.get('transfer-encoding');
	if (!sent && bodyIsOptional(spec.body)) return undefined;
	return readJsonBody(request, spec.bodyLimit ?? DEFAULT_JSON_LIMIT);
}

export const bodyIsOptional = (schema: z.ZodType | undefined) => schema !== undefined && schema.safeParse(undefined).success;

/** A path segment that must be a UUID; anything else cannot exist, so it is a 404. */
export function uuidParam(value: string | undefined, what: string): string {
	if (!isUuid(value)) {
		throw new AppError('not_found', `${what} not found.`);
	}
	return value.toLowerCase();
}

export const COMMON_ERRORS: ErrorCode[] = ['bad_request', 'validation_failed', 'rate_limited'];
export { errorStatus };
