import type { z } from 'zod';
import { AppError, validationFailed, type FieldIssue } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else in their place cannot name a row (and would make PostgreSQL fail). */
export const isUuid = (value: string | undefined | null): value is string => typeof value === 'string' && UUID.test(value);

/** Turns zod issues into the per-field details of a 422 answer. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.map((issue) => {
		const params: Record<string, unknown> = {};
		for (const key of ['minimum', 'maximum', 'format', 'origin', 'values', 'expected'] as const) {
			if (key in issue) params[key] = (issue as unknown as Record<string, unknown>)[key];
		}
		// Custom refinements name their problem in params.code (for example `timezone`).
		const customCode = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
		return {
			path: issue.path.map(String).join('.'),
			code: customCode ?? issue.code,
			message: issue.message,
			...(Object.keys(params).length ? { params } : {})
		};
	});
}

/** Validates `input` with `schema` or throws a 422 AppError listing every invalid field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw validationFailed(toFieldIssues(result.error));
	return result.data;
}

/**
 * Query strings: repeated keys become arrays, single keys stay strings, and empty values are left out
 * (a GET form sends every field, filled or not: `?city=&from=` means no city and no date).
 */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key).filter((value) => value.trim() !== '');
		if (values.length === 0) continue;
		out[key] = values.length > 1 ? values : values[0]!;
	}
	return out;
}

export const DEFAULT_JSON_LIMIT = 1024 * 1024;

/**
 * Reads a stream whole, up to `limit` bytes: past it the stream is cancelled and `tooLarge()` thrown.
 * Other errors of the stream propagate for the caller to name (a request body, a provider's answer).
 */
export async function readStreamUpTo(body: ReadableStream<Uint8Array>, limit: number, tooLarge: () => Error): Promise<Buffer> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return Buffer.concat(chunks);
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw tooLarge();
		}
		chunks.push(value);
	}
}

/**
 * Reads a request body up to `limit` bytes: a declared or actual size over the limit is a 413, an
 * unreadable stream a 400.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
	if (!request.body) return new Uint8Array();
	try {
		return await readStreamUpTo(request.body, limit, () => tooLarge(limit));
	} catch (error) {
		if (error instanceof AppError) throw error;
		// adapter-node's own BODY_SIZE_LIMIT surfaces here as an error with status 413.
		if ((error as { status?: number }).status === 413) throw tooLarge(limit);
		throw new AppError('bad_request', 'The request body could not be read.');
	}
}

/**
 * Reads a JSON body with a size limit. Malformed JSON is a 400, a body over the limit a 413, and a body
 * that is not JSON at all a 415, so that bad input never reaches a handler as a thrown TypeError.
 */
export async function readJsonBody(request: Request, limit = DEFAULT_JSON_LIMIT): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
		throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
	}
	const text = Buffer.from(await readBody(request, limit)).toString('utf8');
	if (text.trim() === '') throw new AppError('invalid_json', 'The request body is empty; send a JSON object.');
	let value: unknown;
	try {
		value = JSON.parse(text) as unknown;
	} catch (error) {
		throw new AppError('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`);
	}
	if (containsNul(value)) throw nulRefused('The request body');
	return value;
}

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text, and a query that passes one fails, so
 * input carrying it is refused at the door instead of becoming a 500 deep inside.
 */
export function containsNul(value: unknown): boolean {
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (typeof next === 'string') {
			if (next.includes('\u0000')) return true;
		} else if (Array.isArray(next)) {
			pending.push(...next);
		} else if (next !== null && typeof next === 'object') {
			for (const [key, inner] of Object.entries(next)) pending.push(key, inner);
		}
	}
	return false;
}

export const nulRefused = (where: string) => new AppError('bad_request', `${where} contains the NUL character (U+0000), which is not allowed.`);

function tooLarge(limit: number) {
	const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
	return new AppError('payload_too_large', `The request body is larger than ${size}.`, { limitBytes: limit });
}
