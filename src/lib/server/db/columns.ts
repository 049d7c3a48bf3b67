import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column builders, so every table spells ids and timestamps the same way. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
	timestamp('updated_at', { withTimezone: true })
		.notNull()
		.defaultNow()
		.$onUpdate(() => new Date());
export const at = (name: string) => timestamp(name, { withTimezone: true });

/** Content that is written per locale: `{ "en": "...", "nl": "..." }`. */
export type LocalizedText = Record<string, string>;
