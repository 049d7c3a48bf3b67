import { createHash } from 'node:crypto';
import { is, Placeholder } from 'drizzle-orm';
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
	if (statements.size >= MAX_SHAPES) statements.delete(statements.keys().next().value!);
	statements.set(shape, statement);
	return statement;
}

/** The same text always gets the same name, so two shapes that happen to build one text share it. */
export function statementName(text: string): string {
	return `col_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}
