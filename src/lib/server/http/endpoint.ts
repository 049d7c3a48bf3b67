import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import type { Logger } from '../logging/logger';
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
}

export interface EndpointContext<B, Q> {
	event: RequestEvent;
	app: AppContext;
	actor: Actor;
	logger: Logger;
	body: B;
	query: Q;
	params: Record<string, string>;
	/** Headers added to the answer, for example better-auth's Set-Cookie. */
	headers: Headers;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export type DocumentedHandler = RequestHandler & { spec: EndpointSpec<z.ZodType | undefined, z.ZodType | undefined> };

export function jsonError(error: AppError): Response {
	return new Response(JSON.stringify(errorBody(error.code, error.message, error.details)), {
		status: error.status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...error.headers }
	});
}

/**
 * Wraps an API handler: parses and validates the query and JSON body with the declared zod schemas,
 * turns AppErrors into the public error shape, and masks anything unexpected as a logged 500.
 */
export function endpoint<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
	spec: EndpointSpec<B, Q>,
	handler: (ctx: EndpointContext<Parsed<B>, Parsed<Q>>) => Promise<unknown>
): DocumentedHandler {
	const handle: RequestHandler = async (event) => {
		const { app, actor, logger } = event.locals;
		try {
			if (spec.access === 'user' && actor.kind !== 'user') throw unauthenticated();
			if (containsNul(event.params) || containsNul([...event.url.searchParams])) throw nulRefused('The address');
			const query = (spec.query ? parseWith(spec.query, searchParamsToObject(event.url.searchParams)) : undefined) as Parsed<Q>;
			const body = (spec.body ? parseWith(spec.body, await requestBody(event.request, spec)) : undefined) as Parsed<B>;
			const headers = new Headers();
			const result = await handler({ event, app, actor, logger, body, query, params: event.params as Record<string, string>, headers });
			if (result instanceof Response) return result;
			const status = spec.status ?? 200;
			headers.set('cache-control', spec.cacheSeconds ? `public, max-age=${spec.cacheSeconds}` : 'no-store');
			if (status === 204) return new Response(null, { status, headers });
			headers.set('content-type', 'application/json');
			// With its length the answer goes out in one piece instead of as chunks with an end marker.
			// Encoded here once: a string body would be checked and encoded again by Response, and
			// measured a third time for the length (a search answer's bytes took 40 µs instead of 60–80).
			const bytes = Buffer.from(JSON.stringify(result));
			headers.set('content-length', String(bytes.length));
			return new Response(bytes, { status, headers });
		} catch (error) {
			if (error instanceof AppError) return jsonError(error);
			logger.error({ err: error }, 'unexpected error in API handler');
			return jsonError(new AppError('internal', 'Something went wrong on our side. The error has been logged.'));
		}
	};
	return Object.assign(handle, { spec: spec as DocumentedHandler['spec'] });
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
