import type { FieldIssue } from '../http/errors';
import type { LocalizedText } from '../db/columns';
import type { BadgeAssessment, BadgeDescription, BadgeDesign } from './schema';
import type { ActivityMode } from '../../activities/vocabulary';
import { markdownToText } from './markdown';

/** The parts of an activity the consistency and completeness rules look at. */
export interface ActivityShape {
	title: LocalizedText;
	description: LocalizedText;
	mode: ActivityMode;
	startsAt: Date | null;
	endsAt: Date | null;
	alwaysOpen: boolean;
	lat: number | null;
	locationAddress: string | null;
	onlineUrl: string | null;
	ageMin: number | null;
	ageMax: number | null;
	imageKey: string | null;
	imageAlt: LocalizedText;
	sessions: { startsAt: Date; endsAt: Date }[];
}

const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });

/** Rules every saved activity keeps, drafts included. */
export function consistencyIssues(activity: ActivityShape): FieldIssue[] {
	const issues: FieldIssue[] = [];
	if (activity.startsAt && activity.endsAt && activity.endsAt < activity.startsAt) {
		issues.push(issue('endsAt', 'ends_before_start', 'The end is before the start.'));
	}
	if (activity.ageMin !== null && activity.ageMax !== null && activity.ageMax < activity.ageMin) {
		issues.push(issue('ageMax', 'age_range', 'The maximum age is below the minimum age.'));
	}
	activity.sessions.forEach((session, index) => {
		if (session.endsAt <= session.startsAt) issues.push(issue(`sessions.${index}.endsAt`, 'ends_before_start', 'A session ends before it starts.'));
	});
	return issues;
}

/** What a published activity must have, beyond consistency: enough for a young person to decide and come. */
export function publishIssues(activity: ActivityShape): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const filled = (text: LocalizedText) => Object.values(text).some((value) => value.trim() !== '');
	if (!filled(activity.title)) issues.push(issue('title', 'required', 'Give the activity a title.'));
	if (!filled(activity.description)) issues.push(issue('description', 'required', 'Describe the activity.'));
	if (!activity.alwaysOpen && !activity.startsAt && activity.sessions.length === 0) {
		issues.push(issue('startsAt', 'required', 'Give a start date, sessions, or mark the activity as always open.'));
	}
	if (activity.mode !== 'online' && (activity.lat === null || !activity.locationAddress)) {
		issues.push(issue('location', 'required', 'An activity that takes place somewhere needs an address and map coordinates.'));
	}
	if (activity.mode !== 'in_person' && !activity.onlineUrl) {
		issues.push(issue('url', 'required', 'An online or hybrid activity needs its web address.'));
	}
	if (activity.imageKey && !filled(activity.imageAlt)) {
		issues.push(issue('imageAlt', 'required', 'Describe the image for people who cannot see it.'));
	}
	return issues;
}

/**
 * The badge an activity awards: what the organiser wrote (a plain string is taken as text in the
 * activity's first title language), or one derived from the activity: its title, the start of its
 * description, and criteria worded per locale by `defaultCriteria`.
 */
export function describeBadge(
	input:
		| { name: string | LocalizedText; description: string | LocalizedText; criteria: string | LocalizedText; tags?: string[] | undefined; validForMonths?: number | undefined; expiresOn?: string | undefined; assessment?: BadgeAssessment | undefined; design?: BadgeDesign | undefined; imageAlt?: LocalizedText | undefined }
		| undefined,
	activity: { title: LocalizedText; description: LocalizedText },
	defaultCriteria: (locale: string, title: string) => string
): BadgeDescription {
	const locale = Object.keys(activity.title)[0] ?? 'en';
	const localized = (value: string | LocalizedText) => (typeof value === 'string' ? { [locale]: value } : value);
	if (input) {
		return {
			name: localized(input.name),
			description: localized(input.description),
			criteria: localized(input.criteria),
			tags: [...new Set(input.tags ?? [])],
			validForMonths: input.validForMonths ?? null,
			expiresOn: input.expiresOn ?? null,
			assessment: input.assessment ?? 'organiser',
			design: input.design ?? {},
			imageAlt: input.imageAlt ?? {}
		};
	}
	const perTitle = (fn: (l: string, t: string) => string) =>
		Object.fromEntries(Object.entries(activity.title).map(([l, t]) => [l, fn(l, t)]));
	return {
		name: { ...activity.title },
		description: perTitle((l, t) => markdownToText(activity.description[l] ?? '', 300) || t),
		criteria: perTitle(defaultCriteria)
	};
}

/** Framework ids of a list of skill ids (`lifecomp:P1.1` -> `lifecomp`), in first-seen order. */
export function frameworksOf(skills: readonly string[]): string[] {
	return [...new Set(skills.map((skill) => skill.slice(0, skill.indexOf(':'))).filter(Boolean))];
}
