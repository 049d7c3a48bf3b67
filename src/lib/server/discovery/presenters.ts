import type { ActivitySummaryRecord } from '../activities/queries';
import { imageUrl, activityPath } from '../activities/presenters';
import { markdownToText } from '../activities/markdown';
import type { ActivitySummaryDto } from './schemas';
import { machineLocales } from '../translation/state';

export function presentSummary(activity: ActivitySummaryRecord, publicUrl: string, distanceKm?: number): ActivitySummaryDto {
	const price = activity.priceAmount === null ? null : { amount: Number(activity.priceAmount), currency: activity.priceCurrency ?? 'EUR' };
	return {
		id: activity.id,
		url: `${publicUrl}${activityPath(activity.id)}`,
		title: activity.title,
		summary: Object.fromEntries(Object.entries(activity.description).map(([locale, text]) => [locale, markdownToText(text, 240)])),
		type: activity.type,
		mode: activity.mode,
		startsAt: activity.startsAt?.toISOString() ?? null,
		endsAt: activity.endsAt?.toISOString() ?? null,
		alwaysOpen: activity.alwaysOpen,
		city: { slug: activity.city.slug, name: activity.city.name },
		organisation: { id: activity.organisation.id, name: activity.organisation.name },
		location: activity.lat !== null || activity.locationAddress ? { address: activity.locationAddress, lat: activity.lat, lon: activity.lon } : null,
		distanceKm: distanceKm === undefined || Number.isNaN(distanceKm) ? null : Math.round(distanceKm * 10) / 10,
		languages: activity.languages,
		ageMin: activity.ageMin,
		ageMax: activity.ageMax,
		free: price === null || price.amount === 0,
		price,
		international: activity.international,
		qualityLabel: activity.qualityLabel,
		accessibility: activity.accessibility,
		skills: activity.skills,
		image: activity.imageKey ? { url: imageUrl(publicUrl, activity.imageKey), alt: activity.imageAlt } : null,
		machineTranslated: machineLocales(activity)
	};
}
