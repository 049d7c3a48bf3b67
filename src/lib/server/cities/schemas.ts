import { z } from 'zod';
import { isValidTimeZone, LocaleCode, LocalizedTextDto, LocalizedTextInput, Slug } from '../shared/schemas';
import { Email } from '../accounts/schemas';

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
const TimeZone = z
	.string()
	.trim()
	.min(1)
	.max(64)
	.refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Amsterdam', params: { code: 'timezone' } })
	.meta({ example: 'Europe/Amsterdam' });

const CityFields = z.object({
	name: z.string().trim().min(1).max(100),
	locales: z
		.array(LocaleCode)
		.min(1)
		.max(10)
		.refine((locales) => new Set(locales).size === locales.length, { message: 'each language only once', params: { code: 'duplicate' } }),
	defaultLocale: LocaleCode,
	timezone: TimeZone,
	center: z.object({ lat: Latitude, lon: Longitude }),
	tagline: LocalizedTextInput(300).optional(),
	moderateActivities: z.boolean().optional().meta({ description: 'Activities wait for a city admin’s approval before they are published' }),
	guardianConsentUnder: z.number().int().min(2).max(21).nullable().optional().meta({ description: 'Learners younger than this need a guardian’s consent to join activities in the city; null: no such rule' }),
	frameworks: z
		.array(z.string().trim().min(1).max(60))
		.min(1)
		.max(50)
		.optional()
		.meta({ description: 'Ids of the competence frameworks the city works with; all of them when left out' })
});

const defaultLocaleIsOffered = (city: { locales?: string[] | undefined; defaultLocale?: string | undefined }) =>
	!city.locales || !city.defaultLocale || city.locales.includes(city.defaultLocale);
const defaultLocaleIssue = { message: 'must be one of the city’s locales', path: ['defaultLocale'], params: { code: 'default_locale' } };

export const CreateCityInput = CityFields.extend({ slug: Slug })
	.refine(defaultLocaleIsOffered, defaultLocaleIssue)
	.meta({ id: 'CreateCityInput' });
export type CreateCityInput = z.infer<typeof CreateCityInput>;

export const UpdateCityInput = CityFields.partial()
	.refine(defaultLocaleIsOffered, defaultLocaleIssue)
	.meta({ id: 'UpdateCityInput' });
export type UpdateCityInput = z.infer<typeof UpdateCityInput>;

export const AddCityAdminInput = z.object({ email: Email }).meta({ id: 'AddCityAdminInput' });

export const CityDto = z
	.object({
		id: z.uuid(),
		slug: z.string(),
		name: z.string(),
		tagline: LocalizedTextDto,
		locales: z.array(z.string()),
		defaultLocale: z.string(),
		timezone: z.string(),
		center: z.object({ lat: z.number(), lon: z.number() }),
		frameworks: z.array(z.string()),
		moderateActivities: z.boolean(),
		guardianConsentUnder: z.number().int().nullable(),
		/** The organisation that is the city itself as an issuer: the owner of the city's own playlists. */
		officeOrganisationId: z.uuid().nullable(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'City' });
export type CityDto = z.infer<typeof CityDto>;

export const CityAdminDto = z
	.object({ userId: z.uuid(), name: z.string(), email: z.string(), since: z.iso.datetime() })
	.meta({ id: 'CityAdmin' });
export type CityAdminDto = z.infer<typeof CityAdminDto>;
