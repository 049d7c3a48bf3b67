import { createHash } from 'node:crypto';
import { Column, is, Placeholder, SQL, Subquery } from 'drizzle-orm';
import type { Db } from '../db/database';

/**
 * Searches are built once per shape and then run with each search's values. A shape is what decides a
 * statement's text: which filters are set, the order, which group of matches, whether the count rides
 * along; the words, dates, places and limits are placeholders. Building a search statement with
 * Drizzle took about a fifth of a search request's time in Node (100,000 activities, 8 clients).
 *
 * On PostgreSQL a prepared statement has a name (a digest of its text) and each connection parses it
 * once; the server still plans every run for its values (`plan_cache_mode`, see database.ts), so a
 * rare word and a common one keep their own plans. PGlite ignores the name.
 */
export interface Prepared<T> {
	execute(values: Record<string, unknown>): Promise<T>;
}

interface Preparable<T> {
	toSQL(): { sql: string; params: unknown[] };
	prepare(name: string): Prepared<T>;
}

/** Shapes kept per database: a search has a few dozen in practice; the oldest goes past this. */
const MAX_SHAPES = 500;
const kept = new WeakMap<Db, Map<string, Prepared<unknown>>>();

export function preparedFor<T>(db: Db, shape: string, build: () => Preparable<T>): Prepared<T> {
	let statements = kept.get(db);
	if (!statements) kept.set(db, (statements = new Map()));
	const found = statements.get(shape);
	if (found) return found as Prepared<T>;
	const query = build();
	const { sql: text, params } = query.toSQL();
	// A value written into the statement would be served to every later search of its shape.
	const fixed = params.find((param) => !is(param, Placeholder));
	if (fixed !== undefined) throw new Error(`The statement for "${shape}" holds a value (${JSON.stringify(fixed)}) where a placeholder belongs.`);
	const statement = query.prepare(statementName(text));
	mapRowsWithDecodersChosenOnce(statement, shape);
	if (statements.size >= MAX_SHAPES) statements.delete(statements.keys().next().value!);
	statements.set(shape, statement);
	return statement;
}

/** The same text always gets the same name, so two shapes that happen to build one text share it. */
export function statementName(text: string): string {
	return `col_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

/** What Drizzle keeps on a prepared select (0.45): its fields and how it turns result rows into objects. */
interface PreparedSelectInternals {
	fields?: { path: string[]; field: unknown }[];
	joinsNotNullableMap?: Record<string, boolean>;
	customResultMapper?: (rows: unknown[][]) => unknown[];
}

/**
 * Drizzle maps every cell of every row by first working out what kind of field it is (a column, an
 * expression, a subquery); for a page of 20 search results that took 135–155 µs of a request's
 * ~1.5 ms in Node. A statement's fields never change, so each field's decoder is chosen once here
 * and the rows are mapped with them: the same objects (statements.test.ts compares them with
 * Drizzle's own mapping), in 65 µs. Statements with outer joins keep Drizzle's mapping, which also
 * turns a missing joined row into null.
 */
function mapRowsWithDecodersChosenOnce(statement: object, shape: string): void {
	const internals = statement as PreparedSelectInternals;
	// Loud on a Drizzle upgrade that moves these, rather than silently slower.
	if (!internals.fields || !('customResultMapper' in internals)) throw new Error(`The prepared statement for "${shape}" does not expose its fields.`);
	if (internals.customResultMapper || Object.values(internals.joinsNotNullableMap ?? {}).some((notNull) => !notNull)) return;
	const fields = internals.fields.map(({ path, field }) => ({ parents: path.slice(0, -1), key: path.at(-1)!, decoder: decoderOf(field) }));
	const mapRow = (row: unknown[]) => {
		const out: Record<string, unknown> = {};
		for (let index = 0; index < fields.length; index++) {
			const { parents, key, decoder } = fields[index]!;
			let node = out;
			for (const parent of parents) node = (node[parent] ??= {}) as Record<string, unknown>;
			const value = row[index];
			node[key] = value === null ? null : decoder.mapFromDriverValue(value);
		}
		return out;
	};
	internals.customResultMapper = (rows) => rows.map(mapRow);
}

type Decoder = { mapFromDriverValue(value: unknown): unknown };

/** The decoder Drizzle would use for a selected field, in the same order of checks. */
function decoderOf(field: unknown): Decoder {
	type WithDecoder = { decoder: Decoder };
	if (is(field, Column)) return field as unknown as Decoder;
	if (is(field, SQL)) return (field as unknown as WithDecoder).decoder;
	if (is(field, Subquery)) return (field as unknown as { _: { sql: WithDecoder } })._.sql.decoder;
	return (field as { sql: WithDecoder }).sql.decoder;
}
