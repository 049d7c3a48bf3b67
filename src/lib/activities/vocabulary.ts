/**
 * The fixed lists an activity is described with. Codes are stable (API, filters, exports); pages show
 * them translated (`activity_type_<code>`, `access_<code>`, `target_<code>`).
 */
export const ACTIVITY_TYPES = [
	'workshop',
	'course',
	'training',
	'event',
	'volunteering',
	'internship',
	'self_paced_online',
	'exchange',
	'camp',
	'competition',
	'mentoring',
	'other'
] as const;

export const ACTIVITY_MODES = ['in_person', 'online', 'hybrid'] as const;

export const ACTIVITY_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;

export const ACCESSIBILITY_FEATURES = [
	'sign_language',
	'captions',
	'audio_description',
	'step_free_access',
	'accessible_toilet',
	'quiet_space',
	'easy_read',
	'assistive_listening',
	'large_print',
	'assistance_dogs_welcome',
	'companion_free',
	'breaks_on_request'
] as const;

export const TARGET_GROUPS = [
	'young_people',
	'children',
	'students',
	'job_seekers',
	'neet',
	'people_with_disabilities',
	'migrants_refugees',
	'adults',
	'seniors',
	'families',
	'teachers',
	'youth_workers'
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type ActivityMode = (typeof ACTIVITY_MODES)[number];
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];
export type TargetGroup = (typeof TARGET_GROUPS)[number];
