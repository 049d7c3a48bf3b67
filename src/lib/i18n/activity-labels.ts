import { m } from '$lib/paraglide/messages';
import type { AccessibilityFeature, ActivityMode, ActivityStatus, ActivityType, TargetGroup } from '$lib/activities/vocabulary';

/** Translated names of the activity vocabulary; an unknown code is shown as it is. */
const types: Record<ActivityType, () => string> = {
	workshop: m.activity_type_workshop,
	course: m.activity_type_course,
	training: m.activity_type_training,
	event: m.activity_type_event,
	volunteering: m.activity_type_volunteering,
	internship: m.activity_type_internship,
	self_paced_online: m.activity_type_self_paced_online,
	exchange: m.activity_type_exchange,
	camp: m.activity_type_camp,
	competition: m.activity_type_competition,
	mentoring: m.activity_type_mentoring,
	other: m.activity_type_other
};
const modes: Record<ActivityMode, () => string> = { in_person: m.mode_in_person, online: m.mode_online, hybrid: m.mode_hybrid };
const statuses: Record<ActivityStatus, () => string> = {
	draft: m.activity_status_draft,
	in_review: m.activity_status_in_review,
	published: m.activity_status_published,
	archived: m.activity_status_archived
};
const access: Record<AccessibilityFeature, () => string> = {
	sign_language: m.access_sign_language,
	captions: m.access_captions,
	audio_description: m.access_audio_description,
	step_free_access: m.access_step_free_access,
	accessible_toilet: m.access_accessible_toilet,
	quiet_space: m.access_quiet_space,
	easy_read: m.access_easy_read,
	assistive_listening: m.access_assistive_listening,
	large_print: m.access_large_print,
	assistance_dogs_welcome: m.access_assistance_dogs_welcome,
	companion_free: m.access_companion_free,
	breaks_on_request: m.access_breaks_on_request
};
const targets: Record<TargetGroup, () => string> = {
	young_people: m.target_young_people,
	children: m.target_children,
	students: m.target_students,
	job_seekers: m.target_job_seekers,
	neet: m.target_neet,
	people_with_disabilities: m.target_people_with_disabilities,
	migrants_refugees: m.target_migrants_refugees,
	adults: m.target_adults,
	seniors: m.target_seniors,
	families: m.target_families,
	teachers: m.target_teachers,
	youth_workers: m.target_youth_workers
};

const label = <K extends string>(table: Record<K, () => string>) => (code: string) => (table as Record<string, () => string>)[code]?.() ?? code;

export const activityTypeLabel = label(types);
export const modeLabel = label(modes);
export const activityStatusLabel = label(statuses);
export const accessibilityLabel = label(access);
export const targetGroupLabel = label(targets);

/** A language code's name in the reader's language ("nl" -> "Dutch"), via Intl. */
export function languageName(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
