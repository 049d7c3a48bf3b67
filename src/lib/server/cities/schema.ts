import { doublePrecision, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, type LocalizedText } from '../db/columns';
import { users } from '../accounts/schema';

/** A tenant. Every row that belongs to a city carries its id as `city_id`. */
export const cities = pgTable('cities', {
	id: id(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	tagline: jsonb('tagline').$type<LocalizedText>().notNull().default({}),
	locales: text('locales').array().notNull(),
	defaultLocale: text('default_locale').notNull(),
	timezone: text('timezone').notNull(),
	centerLat: doublePrecision('center_lat').notNull(),
	centerLon: doublePrecision('center_lon').notNull(),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});

export const cityAdmins = pgTable(
	'city_admins',
	{
		cityId: uuid('city_id')
			.notNull()
			.references(() => cities.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.cityId, table.userId] })]
);
