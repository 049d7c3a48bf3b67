import type { CityAdminDto, CityDto } from './schemas';
import type { CityRow } from './queries';

export function presentCity(city: CityRow, frameworks: string[], officeOrganisationId: string | null): CityDto {
	return {
		id: city.id,
		slug: city.slug,
		name: city.name,
		tagline: city.tagline,
		locales: city.locales,
		defaultLocale: city.defaultLocale,
		timezone: city.timezone,
		center: { lat: city.centerLat, lon: city.centerLon },
		frameworks,
		moderateActivities: city.moderateActivities,
		guardianConsentUnder: city.guardianConsentUnder,
		officeOrganisationId,
		createdAt: city.createdAt.toISOString()
	};
}

export function presentCityAdmin(row: { userId: string; name: string; email: string; since: Date }): CityAdminDto {
	return { userId: row.userId, name: row.name, email: row.email, since: row.since.toISOString() };
}
