import { pickText } from '../../i18n/locales';
import type { ActivityRecord } from './queries';
import { activityPath, imageUrl } from './presenters';
import { markdownToText } from './markdown';
import type { FrameworkCatalog } from '../frameworks/catalog';

const DATED_EVENT_TYPES = new Set(['workshop', 'event', 'training', 'camp', 'competition', 'exchange']);

/**
 * schema.org JSON-LD for an activity page, so that search engines can read it: a dated workshop or event
 * is an EducationEvent; anything else is a Course, with a CourseInstance for its dates and mode.
 */
export function activityJsonLd(activity: ActivityRecord, options: { publicUrl: string; locale: string; catalog: FrameworkCatalog }) {
	const fallbacks = [activity.city.defaultLocale];
	const title = pickText(activity.title, options.locale, fallbacks);
	const description = pickText(activity.description, options.locale, fallbacks);
	const url = `${options.publicUrl}${activityPath(activity.id)}`;
	const attendanceMode = {
		in_person: 'https://schema.org/OfflineEventAttendanceMode',
		online: 'https://schema.org/OnlineEventAttendanceMode',
		hybrid: 'https://schema.org/MixedEventAttendanceMode'
	}[activity.mode];
	const place =
		activity.mode !== 'online' && activity.locationAddress
			? {
					'@type': 'Place',
					name: activity.locationAddress,
					address: activity.locationAddress,
					...(activity.lat !== null && { geo: { '@type': 'GeoCoordinates', latitude: activity.lat, longitude: activity.lon } })
				}
			: undefined;
	const virtual = activity.onlineUrl ? { '@type': 'VirtualLocation', url: activity.onlineUrl } : undefined;
	const location = [place, virtual].filter(Boolean);
	const offers = {
		'@type': 'Offer',
		price: activity.priceAmount === null ? 0 : Number(activity.priceAmount),
		priceCurrency: activity.priceCurrency ?? 'EUR',
		url,
		availability:
			activity.capacity !== null && activity.places.taken >= activity.capacity ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock'
	};
	const teaches = activity.skills
		.map((id) => options.catalog.item(id))
		.filter((item) => item !== undefined)
		.map((item) => ({
			'@type': 'DefinedTerm',
			name: item.title,
			termCode: item.id,
			inDefinedTermSet: options.catalog.framework(item.frameworkId)?.name,
			...(item.uri && { url: item.uri })
		}));
	const common = {
		name: title?.text,
		description: description ? markdownToText(description.text, 500) : undefined,
		url,
		inLanguage: activity.languages,
		...(activity.imageKey && { image: imageUrl(options.publicUrl, activity.imageKey) }),
		...(activity.ageMin !== null || activity.ageMax !== null
			? { typicalAgeRange: `${activity.ageMin ?? ''}-${activity.ageMax ?? ''}` }
			: {}),
		...(activity.accessibility.length && { accessibilityFeature: activity.accessibility }),
		...(teaches.length && { teaches })
	};
	const organizer = { '@type': 'Organization', name: activity.organisation.name, url: `${options.publicUrl}/organisations/${activity.organisation.id}` };
	const dates = {
		...(activity.startsAt && { startDate: activity.startsAt.toISOString() }),
		...(activity.endsAt && { endDate: activity.endsAt.toISOString() })
	};
	if (DATED_EVENT_TYPES.has(activity.type) && activity.startsAt) {
		return {
			'@context': 'https://schema.org',
			'@type': 'EducationEvent',
			...common,
			...dates,
			eventAttendanceMode: attendanceMode,
			eventStatus: 'https://schema.org/EventScheduled',
			...(location.length && { location: location.length === 1 ? location[0] : location }),
			...(activity.capacity !== null && { maximumAttendeeCapacity: activity.capacity }),
			organizer,
			offers,
			isAccessibleForFree: offers.price === 0
		};
	}
	return {
		'@context': 'https://schema.org',
		'@type': 'Course',
		...common,
		provider: organizer,
		isAccessibleForFree: offers.price === 0,
		offers,
		hasCourseInstance: {
			'@type': 'CourseInstance',
			courseMode: { in_person: 'onsite', online: 'online', hybrid: 'blended' }[activity.mode],
			...dates,
			...(location.length && { location: location.length === 1 ? location[0] : location }),
			...(activity.alwaysOpen && { courseSchedule: { '@type': 'Schedule', repeatFrequency: 'P1D', description: 'Always open' } })
		}
	};
}

/** JSON for a <script> element: `<` is escaped so that content cannot close the element. */
export function scriptSafeJson(value: unknown): string {
	return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
