/** A city as the settings form needs it (a stored row, or nothing for a new city). */
interface StoredCity {
	slug: string;
	name: string;
	locales: string[];
	defaultLocale: string;
	timezone: string;
	centerLat: number;
	centerLon: number;
	tagline: Record<string, string>;
	moderateActivities: boolean;
	guardianConsentUnder?: number | null;
}

/** The values a city form shows: the stored city, overridden by what was just typed. */
export function cityFormValues(city: StoredCity | undefined, typed: Record<string, unknown> | undefined, frameworks?: string[]) {
	const text = (key: string) => (typeof typed?.[key] === 'string' ? (typed[key] as string) : undefined);
	const list = (key: string) => {
		const value = typed?.[key];
		return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : undefined;
	};
	const tagline: Record<string, string> = { ...(city?.tagline ?? {}) };
	for (const [key, value] of Object.entries(typed ?? {})) {
		if (key.startsWith('tagline.') && typeof value === 'string') tagline[key.slice(8)] = value;
	}
	return {
		slug: text('slug') ?? city?.slug ?? '',
		name: text('name') ?? city?.name ?? '',
		locales: list('locales') ?? city?.locales ?? ['en'],
		defaultLocale: text('defaultLocale') ?? city?.defaultLocale ?? 'en',
		timezone: text('timezone') ?? city?.timezone ?? 'Europe/Brussels',
		lat: text('center.lat') ?? city?.centerLat ?? '',
		lon: text('center.lon') ?? city?.centerLon ?? '',
		tagline,
		frameworks: list('frameworks') ?? frameworks,
		moderateActivities: typed ? typed.moderateActivities === 'on' : (city?.moderateActivities ?? false),
		guardianConsentUnder: text('guardianConsentUnder') ?? city?.guardianConsentUnder ?? null
	};
}
