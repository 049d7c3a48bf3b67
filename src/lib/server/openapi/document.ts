import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { bodyIsOptional, type DocumentedHandler } from '../http/endpoint';
import { errorStatus, type ErrorCode } from '../http/errors';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

export interface RouteModule {
	path: string;
	handlers: Partial<Record<Method, DocumentedHandler>>;
}

const ErrorBody = z
	.object({
		error: z.object({
			code: z.string().meta({ description: 'Stable machine-readable code', example: 'validation_failed' }),
			message: z.string().meta({ description: 'Readable explanation, in English' }),
			details: z.unknown().meta({ description: 'Per-field problems for 422 answers, else null' })
		})
	})
	.meta({ id: 'Error' });

/** Turns a SvelteKit route file key into an OpenAPI path: `/src/routes/api/v1/cities/[slug]/+server.ts` -> `/api/v1/cities/{slug}`. */
export function routeFileToPath(file: string): string {
	return file
		.replace(/^.*\/src\/routes/, '')
		.replace(/\/\+server\.(ts|js)$/, '')
		.replace(/\[(\w+)\]/g, '{$1}');
}

export function collectRoutes(modules: Record<string, Record<string, unknown>>): RouteModule[] {
	return Object.entries(modules)
		.map(([file, exports]) => ({
			path: routeFileToPath(file),
			handlers: Object.fromEntries(
				METHODS.filter((method) => typeof exports[method] === 'function' && 'spec' in (exports[method] as object)).map(
					(method) => [method, exports[method] as DocumentedHandler]
				)
			) as RouteModule['handlers']
		}))
		.sort((a, b) => a.path.localeCompare(b.path));
}

function errorResponses(codes: ErrorCode[]) {
	const byStatus = new Map<number, ErrorCode[]>();
	for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
	return Object.fromEntries(
		[...byStatus].map(([status, list]) => [
			String(status),
			{ description: `Error: ${list.join(', ')}`, content: { 'application/json': { schema: ErrorBody } } }
		])
	);
}

export function buildOpenApiDocument(routes: RouteModule[], serverUrl: string) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const route of routes) {
		const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
		for (const [method, handler] of Object.entries(route.handlers)) {
			const spec = handler.spec;
			const codes = new Set<ErrorCode>(spec.errors ?? []);
			if (spec.body) ['invalid_json', 'validation_failed', 'payload_too_large'].forEach((c) => codes.add(c as ErrorCode));
			if (spec.query) codes.add('validation_failed');
			if (spec.access === 'user') ['unauthenticated', 'forbidden'].forEach((c) => codes.add(c as ErrorCode));
			if (pathParams.length) codes.add('not_found');
			const status = spec.status ?? 200;
			paths[route.path] ??= {};
			paths[route.path]![method.toLowerCase()] = {
				summary: spec.summary,
				...(spec.description ? { description: spec.description } : {}),
				tags: spec.tags,
				operationId: `${method.toLowerCase()}${route.path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, 'By_$1').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
				...(spec.access === 'user' ? { security: [{ bearer: [] }, { cookie: [] }] } : { security: [] }),
				requestParams: {
					...(pathParams.length ? { path: z.object(Object.fromEntries(pathParams.map((name) => [name, z.string()]))) } : {}),
					...(spec.query ? { query: spec.query } : {})
				},
				...(spec.body ? { requestBody: { required: !bodyIsOptional(spec.body), content: { 'application/json': { schema: spec.body } } } } : {}),
				responses: {
					[String(status)]:
						status === 204 || !spec.response
							? { description: 'Done' }
							: { description: 'OK', content: { 'application/json': { schema: spec.response } } },
					...(spec.accepted && spec.response ? { '202': { description: spec.accepted, content: { 'application/json': { schema: spec.response } } } } : {}),
					...errorResponses([...codes])
				}
			};
		}
	}
	return createDocument({
		openapi: '3.1.0',
		info: {
			title: 'Cities of Learning API',
			version: '1.0.0',
			description:
				'The JSON API of the Cities of Learning platform. Authenticate with the session cookie, or send `Authorization: Bearer <token>` (a session token from register/login, or a personal API token). Every error has the shape `{"error":{"code","message","details"}}`.'
		},
		servers: [{ url: serverUrl }],
		components: {
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: 'A session token or a personal API token (col_pat_...)' },
				cookie: { type: 'apiKey', in: 'cookie', name: 'col.session_token' }
			}
		},
		paths: paths as Parameters<typeof createDocument>[0]['paths']
	});
}
