import { createHash } from 'node:crypto';
import type { ActivityDto } from './schemas';
import type { ActivityRecord } from './queries';
import type { BadgeDescription } from './schema';
import type { LocalizedText } from '../db/columns';
import { machineLocales } from '../translation/state';

export function imageUrl(publicUrl: string, imageKey: string): string {
	return `${publicUrl}/files/activities/${imageKey}`;
}

/**
 * A short fingerprint of what the badge image is drawn from, for its URL on pages (`badge.svg?v=`):
 * the image itself is cached for minutes, and a new upload or design should show at once.
 */
export function badgeImageVersion(badge: BadgeDescription): string {
	const source = JSON.stringify([badge.imageKey ?? null, badge.design ?? {}, badge.name]);
	return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

export function activityPath(id: string): string {
	return `/activities/${id}`;
}

export function presentActivity(activity: ActivityRecord, publicUrl: string): ActivityDto {
	const price = activity.priceAmount === null ? null : { amount: Number(activity.priceAmount), currency: activity.priceCurrency ?? 'EUR' };
	return {
		id: activity.id,
		url: `${publicUrl}${activityPath(activity.id)}`,
		city: { id: activity.city.id, slug: activity.city.slug, name: activity.city.name },
		organisation: { id: activity.organisation.id, name: activity.organisation.name },
		title: activity.title,
		description: activity.description,
		type: activity.type,
		mode: activity.mode,
		startsAt: activity.startsAt?.toISOString() ?? null,
		endsAt: activity.endsAt?.toISOString() ?? null,
		alwaysOpen: activity.alwaysOpen,
		sessions: activity.sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), note: s.note })),
		location:
			activity.locationAddress || activity.lat !== null
				? { address: activity.locationAddress, lat: activity.lat, lon: activity.lon }
				: null,
		onlineUrl: activity.onlineUrl,
		languages: activity.languages,
		ageMin: activity.ageMin,
		ageMax: activity.ageMax,
		price,
		free: price === null || price.amount === 0,
		capacity: activity.capacity,
		waitlist: activity.waitlist,
		international: activity.international,
		targetGroups: activity.targetGroups,
		accessibility: activity.accessibility,
		skills: activity.skills,
		suggestedSkills: activity.suggestedSkills,
		frameworks: activity.frameworks,
		contact: activity.contact,
		image: activity.imageKey ? { url: imageUrl(publicUrl, activity.imageKey), alt: activity.imageAlt } : null,
		badge: presentBadge(activity.badge, activity.title, `${publicUrl}${activityPath(activity.id)}/badge.png`),
		status: activity.status,
		reviewComment: activity.reviewComment,
		qualityLabel: activity.qualityLabel,
		places: {
			taken: activity.places.taken,
			waiting: activity.places.waiting,
			left: activity.capacity === null ? null : Math.max(0, activity.capacity - activity.places.taken)
		},
		source: activity.sourceFormat
			? { format: activity.sourceFormat, id: activity.sourceId, url: activity.sourceUrl, importedAt: activity.importedAt?.toISOString() ?? null }
			: null,
		machineTranslated: machineLocales(activity),
		publishedAt: activity.publishedAt?.toISOString() ?? null,
		createdAt: activity.createdAt.toISOString(),
		updatedAt: activity.updatedAt.toISOString()
	};
}

/** What every badge says, as the API shows it (`BadgeTextDto`). */
export function presentBadgeText(badge: BadgeDescription) {
	return {
		name: badge.name,
		description: badge.description,
		criteria: badge.criteria,
		tags: badge.tags ?? [],
		validForMonths: badge.validForMonths ?? null,
		expiresOn: badge.expiresOn ?? null,
		design: badge.design ?? {}
	};
}

function presentBadge(badge: BadgeDescription | null, title: LocalizedText, imageUrl: string) {
	const described = badge ?? { name: title, description: {}, criteria: {} };
	return {
		...presentBadgeText(described),
		assessment: described.assessment ?? 'organiser',
		image: { url: imageUrl, uploaded: Boolean(described.imageKey), alt: described.imageAlt ?? {} }
	};
}
