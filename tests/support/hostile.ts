/**
 * Hostile input for the API, derived from its own OpenAPI document: for each operation, requests
 * whose body, query or path are wrong in ways a client (or an attacker) could send: wrong JSON types,
 * huge strings, unusual Unicode, nulls, nested junk, prototype-pollution keys, malformed JSON and ids
 * that name nothing. Bodies are made invalid on purpose (a field of a type the schema does not
 * allow), so the only right answer to a write is a 4xx that changes nothing.
 */
import fc from 'fast-check';

export type JsonSchema = {
	$ref?: string;
	type?: string | string[];
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	allOf?: JsonSchema[];
	enum?: unknown[];
	const?: unknown;
	properties?: Record<string, JsonSchema>;
	additionalProperties?: JsonSchema | boolean;
	items?: JsonSchema;
	required?: string[];
};

export interface Parameter {
	in: 'path' | 'query' | 'header' | 'cookie';
	name: string;
	schema?: JsonSchema;
}

export interface Operation {
	method: string;
	path: string;
	parameters: Parameter[];
	/** The JSON body schema, or undefined when the operation takes no JSON body. */
	body: JsonSchema | undefined;
	/** The operation takes something else as its body (an image). */
	takesBytes: boolean;
}

interface OpenApiDocument {
	paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; description?: string }>>;
	components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
	const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined =>
		schema?.$ref ? resolve(document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]) : schema;
	const operations: Operation[] = [];
	for (const [path, item] of Object.entries(document.paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (!METHODS.includes(method)) continue;
			const content = op.requestBody?.content ?? {};
			const json = content['application/json']?.schema;
			operations.push({
				method: method.toUpperCase(),
				path,
				parameters: op.parameters ?? [],
				body: json ? deref(json, resolve) : undefined,
				takesBytes: !json && (Object.keys(content).length > 0 || /image\/\*/.test(op.description ?? ''))
			});
		}
	}
	return operations;
}

/** Replaces every $ref by its schema (the API's schemas are not recursive). */
function deref(schema: JsonSchema, resolve: (s: JsonSchema | undefined) => JsonSchema | undefined, depth = 0): JsonSchema {
	const own = resolve(schema) ?? {};
	if (depth > 8) return own;
	const next = (s: JsonSchema) => deref(s, resolve, depth + 1);
	return {
		...own,
		...(own.anyOf ? { anyOf: own.anyOf.map(next) } : {}),
		...(own.oneOf ? { oneOf: own.oneOf.map(next) } : {}),
		...(own.allOf ? { allOf: own.allOf.map(next) } : {}),
		...(own.items ? { items: next(own.items) } : {}),
		...(own.properties ? { properties: Object.fromEntries(Object.entries(own.properties).map(([k, v]) => [k, next(v)])) } : {}),
		...(typeof own.additionalProperties === 'object' ? { additionalProperties: next(own.additionalProperties) } : {})
	};
}

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
const ALL_TYPES: JsonType[] = ['null', 'boolean', 'number', 'string', 'array', 'object'];

/** The JSON types a schema accepts; all of them when it says nothing. */
export function acceptedTypes(schema: JsonSchema): Set<JsonType> {
	const branches = schema.anyOf ?? schema.oneOf;
	if (branches) return new Set(branches.flatMap((branch) => [...acceptedTypes(branch)]));
	if (schema.allOf) return schema.allOf.map(acceptedTypes).reduce((a, b) => new Set([...a].filter((t) => b.has(t))));
	if (schema.enum) return new Set(schema.enum.map(jsonTypeOf));
	if ('const' in schema) return new Set([jsonTypeOf(schema.const)]);
	const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
	if (!types) return new Set(ALL_TYPES);
	return new Set(types.map((t) => (t === 'integer' ? 'number' : (t as JsonType))));
}

function jsonTypeOf(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	const type = typeof value;
	return type === 'number' || type === 'boolean' || type === 'string' ? type : 'object';
}

/** Strings that have broken parsers and databases before. */
const nastyString = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.constantFrom(
		'',
		'\u0000',
		'\uD800',
		'\uFEFF\u202E\u200B',
		'💥'.repeat(50),
		"'; drop table users; --",
		'<script>alert(1)</script>',
		'../../../../etc/passwd',
		'%00%2e%2e%2f',
		'${7*7}{{7*7}}',
		'__proto__',
		'NaN',
		'-1',
		'1e309',
		'x'.repeat(100_000)
	)
);

/** Objects carrying keys that pollute prototypes when merged naively. */
const pollutingObject = fc.constantFrom(
	'{"__proto__":{"isAdmin":true,"role":"platform_admin"}}',
	'{"constructor":{"prototype":{"polluted":true}}}',
	'{"__proto__":null,"toString":"x","valueOf":1,"hasOwnProperty":false}'
);

/** A JSON text of the given type. */
function valueOfType(type: JsonType): fc.Arbitrary<string> {
	switch (type) {
		case 'null':
			return fc.constant('null');
		case 'boolean':
			return fc.boolean().map(String);
		case 'number':
			return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)), fc.constantFrom('1e308', '-0', '9007199254740993', '1e-400'));
		case 'string':
			return nastyString.map((s) => JSON.stringify(s));
		case 'array':
			return fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((v) => JSON.stringify(v)), fc.constant('['.repeat(3000) + ']'.repeat(3000)));
		case 'object':
			return fc.oneof(pollutingObject, fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((v) => JSON.stringify(v)));
	}
}

/** A JSON text that the schema refuses by type, or undefined when the schema accepts any type. */
function wrongValue(schema: JsonSchema): fc.Arbitrary<string> | undefined {
	const accepted = acceptedTypes(schema);
	const refused = ALL_TYPES.filter((t) => !accepted.has(t));
	const options: fc.Arbitrary<string>[] = refused.map(valueOfType);
	// A string outside an enum is as wrong as a wrong type.
	if (schema.enum?.every((v) => typeof v === 'string')) options.push(nastyString.filter((s) => !schema.enum!.includes(s)).map((s) => JSON.stringify(s)));
	// One level down: an object whose own field is wrong.
	if (accepted.size === 1 && accepted.has('object')) {
		const inner = objectWithWrongField(schema);
		if (inner) options.push(inner);
	}
	return options.length > 0 ? fc.oneof(...options) : undefined;
}

function objectWithWrongField(schema: JsonSchema): fc.Arbitrary<string> | undefined {
	const fields = Object.entries(schema.properties ?? {})
		.map(([name, fieldSchema]) => ({ name, wrong: wrongValue(fieldSchema) }))
		.filter((f): f is { name: string; wrong: fc.Arbitrary<string> } => f.wrong !== undefined);
	const extra = typeof schema.additionalProperties === 'object' ? wrongValue(schema.additionalProperties) : undefined;
	const picks: fc.Arbitrary<[string, string]>[] = fields.map((f) => f.wrong.map((v): [string, string] => [f.name, v]));
	const locales = (schema as { propertyNames?: { enum?: string[] } }).propertyNames?.enum;
	if (extra) picks.push(extra.map((v): [string, string] => [locales?.[0] ?? 'en', v]));
	if (picks.length === 0) return undefined;
	// The wrong field sits among junk and prototype-polluting keys, which must be ignored or refused.
	return fc.tuple(fc.oneof(...picks), fc.boolean()).map(([[name, value], withJunk]) =>
		`{${withJunk ? '"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},' : ''}${JSON.stringify(name)}:${value}}`
	);
}

/** Raw bodies that are not (acceptable) JSON at all. */
const brokenJson = fc.constantFrom('', '{', '{"a":', 'undefined', "{'a':1}", '\u0000', '{"a":1}garbage', '['.repeat(100_000), '"' + 'x'.repeat(2_000_000) + '"');

/** An invalid body for the operation, as raw text. */
export function hostileBody(schema: JsonSchema): fc.Arbitrary<string> {
	const wrong = wrongValue(schema);
	return wrong ? fc.oneof({ weight: 4, arbitrary: wrong }, { weight: 1, arbitrary: brokenJson }) : brokenJson;
}

/**
 * A path segment that names nothing (or names something in a wrong way), URL-encoded. Not `..`: the
 * URL parser resolves it (encoded or not) to the parent path, which is another operation.
 */
export const hostileId = fc
	.oneof(
		fc.uuid(),
		nastyString.filter((s) => s.length > 0 && s.length < 5000),
		fc.constantFrom('00000000-0000-0000-0000-000000000000', '0', '-1', '1.5', 'null', 'undefined', '%252e%252e', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'a'.repeat(3000))
	)
	.map(encode);

/** URL-encodes text, lone surrogates included (sent as U+FFFD, as a browser would). */
function encode(text: string): string {
	return encodeURIComponent(text.toWellFormed());
}

/** Query parameters with hostile values (repeated, empty, huge, of the wrong kind). */
export function hostileQuery(parameters: Parameter[]): fc.Arbitrary<string> {
	const names = parameters.filter((p) => p.in === 'query').map((p) => p.name);
	const name = fc.oneof(...(names.length > 0 ? [fc.constantFrom(...names)] : []), fc.constantFrom('__proto__', 'constructor[prototype][x]', 'page[]', 'limit'));
	return fc
		.array(fc.tuple(name, fc.oneof(nastyString, fc.constantFrom('-1', '0', '1e9', '99999999999999999999', 'NaN', 'true', '[]', '{}', ''))), { minLength: 1, maxLength: 4 })
		.map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
}
