import { buildOpenApiDocument, collectRoutes } from './document';

// Every API route module, read at build time: the OpenAPI document is generated from the specs the
// endpoints declare, so it cannot drift from what they accept.
const modules = import.meta.glob<Record<string, unknown>>('/src/routes/api/v1/**/+server.ts', { eager: true });

let cached: { url: string; document: ReturnType<typeof buildOpenApiDocument> } | undefined;

export function apiRoutes() {
	return collectRoutes(modules);
}

export function loadApiDocument(serverUrl: string) {
	if (cached?.url !== serverUrl) cached = { url: serverUrl, document: buildOpenApiDocument(apiRoutes(), serverUrl) };
	return cached.document;
}
