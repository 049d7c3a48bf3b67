import { errorBody } from '../http/errors';

export const isUuid = (value: string | undefined): value is string =>
	value !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export function jsonNotFound(what: string): Response {
	return new Response(JSON.stringify(errorBody('not_found', `${what} not found.`)), {
		status: 404,
		headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' }
	});
}

/** The signed credential as issued, for machines (wallets, verifiers, the `.json` download). */
export function credentialJson(document: Record<string, unknown>, options: { download?: string } = {}): Response {
	return new Response(JSON.stringify(document, null, 2), {
		headers: {
			'content-type': 'application/vc+ld+json',
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache',
			...(options.download ? { 'content-disposition': `attachment; filename="${options.download}"` } : {})
		}
	});
}
