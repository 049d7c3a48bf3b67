import { boolean, doublePrecision, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, type LocalizedText } from '../db/columns';
import { users } from '../accounts/schema';

/** One point of a city's quality standard, with its wording per locale. */
export interface QualityCriterion {
	id: string;
	label: LocalizedText;
	help?: LocalizedText;
}

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
	/** When true, publishing an activity sends it to the city's review first. */
	moderateActivities: boolean('moderate_activities').notNull().default(false),
	/** The city's quality checklist; null means the platform's default checklist. */
	qualityChecklist: jsonb('quality_checklist').$type<QualityCriterion[]>(),
	/** Learners younger than this need a guardian's consent to join activities here; null: no such rule. */
	guardianConsentUnder: integer('guardian_consent_under'),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});

/** The owning city of a row; deleting it deletes the row. */
export const cityIdColumn = () =>
	uuid('city_id')
		.notNull()
		.references(() => cities.id, { onDelete: 'cascade' });

export const cityAdmins = pgTable(
	'city_admins',
	{
		cityId: cityIdColumn(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.cityId, table.userId] })]
);
