import type { PageServerLoad } from './$types';
import { loadApiDocument } from '$lib/server/openapi/api-routes';

interface Operation {
	summary?: string;
	description?: string;
	tags?: string[];
	security?: unknown[];
	requestBody?: { content?: Record<string, { schema?: unknown }> };
	responses?: Record<string, { description?: string }>;
	parameters?: { name: string; in: string; required?: boolean }[];
}

/** A readable, server-rendered view of the OpenAPI document (no third-party viewer, works offline). */
export const load: PageServerLoad = ({ locals }) => {
	const document = loadApiDocument(locals.app.config.publicUrl) as unknown as {
		paths: Record<string, Record<string, Operation>>;
		components?: { schemas?: Record<string, unknown> };
	};
	const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, op]) => ({
			id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-'),
			method: method.toUpperCase(),
			path,
			summary: op.summary ?? '',
			description: op.description ?? '',
			tag: op.tags?.[0] ?? 'Other',
			signedIn: (op.security?.length ?? 0) > 0,
			body: op.requestBody?.content?.['application/json']?.schema
				? JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)
				: null,
			parameters: (op.parameters ?? []).map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`),
			responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '' }))
		}))
	);
	const tags = [...new Set(operations.map((o) => o.tag))];
	return {
		tags: tags.map((tag) => ({ tag, operations: operations.filter((o) => o.tag === tag) })),
		schemas: Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({ name, json: JSON.stringify(schema, null, 2) }))
	};
};
