import { m } from '../../paraglide/messages.js';
import type { AppError, ErrorCode, FieldIssue } from '../http/errors';

/** Page text for each error code, in the current request's language. */
const errorMessages: Record<ErrorCode, () => string> = {
	bad_request: m.error_bad_request,
	invalid_json: m.error_bad_request,
	validation_failed: m.error_validation_failed,
	unauthenticated: m.error_unauthenticated,
	invalid_credentials: m.error_invalid_credentials,
	forbidden: m.error_forbidden,
	cross_site_request: m.error_forbidden,
	not_found: m.error_not_found,
	method_not_allowed: m.error_bad_request,
	conflict: m.error_conflict,
	email_taken: m.error_email_taken,
	slug_taken: m.error_slug_taken,
	already_member: m.error_already_member,
	invalid_state: m.error_invalid_state,
	last_owner: m.error_last_owner,
	last_platform_admin: m.error_last_platform_admin,
	activity_full: m.error_activity_full,
	age_required: m.error_age_required,
	guardian_consent_required: m.error_guardian_consent_required,
	url_not_allowed: m.error_url_not_allowed,
	import_unreadable: m.error_import_unreadable,
	invalid_credential: m.error_invalid_credential,
	code_not_yet_valid: m.error_code_not_yet_valid,
	code_used_up: m.error_code_used_up,
	code_expired: m.error_code_expired,
	fetch_failed: m.error_fetch_failed,
	payload_too_large: m.error_payload_too_large,
	headers_too_large: m.error_payload_too_large,
	unsupported_media_type: m.error_bad_request,
	invalid_token: m.error_invalid_token,
	rate_limited: () => m.error_rate_limited({ seconds: '60' }),
	account_locked: () => m.error_account_locked({ minutes: '15' }),
	internal: m.error_internal,
	unavailable: m.error_internal,
	translation_failed: m.error_translation_failed,
	translation_unavailable: m.error_translation_unavailable
};

export function translateError(error: AppError): string {
	if (error.code === 'rate_limited') {
		const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
		return m.error_rate_limited({ seconds: String(seconds) });
	}
	if (error.code === 'account_locked') {
		const minutes = (error.details as { minutes?: number } | undefined)?.minutes ?? 15;
		return m.error_account_locked({ minutes: String(minutes) });
	}
	return errorMessages[error.code]();
}

const num = (value: unknown) => String(value ?? '');

/** One field problem as a sentence in the request's language. */
export function translateIssue(issue: FieldIssue): string {
	const params = issue.params ?? {};
	switch (issue.code) {
		case 'too_small':
			if (params.origin === 'string') return Number(params.minimum) <= 1 ? m.error_field_required() : m.error_field_too_short({ min: num(params.minimum) });
			if (params.origin === 'array' || params.origin === 'set') return m.error_field_choose_one();
			return m.error_field_too_small({ min: num(params.minimum) });
		case 'too_big':
			if (params.origin === 'string') return m.error_field_too_long({ max: num(params.maximum) });
			if (params.origin === 'array') return m.error_field_too_many({ max: num(params.maximum) });
			return m.error_field_too_big({ max: num(params.maximum) });
		case 'invalid_format':
			if (params.format === 'email') return m.error_field_email();
			if (params.format === 'url') return m.error_field_url();
			if (issue.path.endsWith('slug')) return m.error_field_slug();
			return m.error_field_format();
		case 'invalid_type':
			return params.expected === 'number' ? m.error_field_number() : m.error_field_required();
		case 'invalid_value':
		case 'invalid_union':
			return m.error_field_choice();
		case 'wrong_password':
			return m.error_field_wrong_password();
		case 'same_email':
			return m.error_field_same_email();
		case 'unknown_account':
			return m.error_field_unknown_account();
		case 'unknown_city':
			return m.error_field_unknown_city();
		case 'slug_taken':
			return m.error_slug_taken();
		case 'invalid_token':
			return m.error_invalid_token();
		case 'timezone':
			return m.error_field_timezone();
		case 'default_locale':
			return m.error_field_default_locale();
		case 'duplicate':
			return m.error_field_duplicate();
		case 'required':
			return m.error_field_required();
		case 'unknown_skill':
			return m.error_field_unknown_skill();
		case 'framework_not_used':
			return m.error_field_framework_not_used();
		case 'ends_before_start':
			return m.error_field_ends_before_start();
		case 'age_range':
			return m.error_field_age_range();
		case 'unknown_organisation':
			return m.error_field_unknown_organisation();
		case 'image_type':
			return m.error_field_image_type();
		case 'badge_image_type':
			return m.error_field_badge_image_type();
		case 'invalid_date':
			return m.error_field_date();
		case 'invalid_json':
			return m.error_field_invalid_json();
		case 'unsupported_format':
			return m.error_field_unsupported_badge();
		case 'evidence_type':
			return m.error_field_evidence_type();
		case 'evidence_empty':
			return m.error_field_evidence_empty();
		case 'expiry_both':
			return m.error_field_expiry_both();
		case 'unknown_activity':
			return m.error_field_unknown_activity();
		case 'activity_not_public':
			return m.error_field_activity_not_public();
		case 'duplicate_item':
			return m.error_field_duplicate_item();
		case 'required_count':
			return m.error_field_required_count();
		case 'city_mismatch':
			return m.error_field_city_mismatch();
		case 'answer_required':
			return m.error_field_answer_required();
		case 'answer_choice':
			return m.error_field_answer_choice();
		case 'answer_scale':
			return m.error_field_answer_scale();
		case 'answer_text':
			return m.error_field_answer_text();
		case 'consent_required':
			return m.error_field_consent_required();
		case 'options_needed':
			return m.error_field_options_needed();
		case 'skills_needed':
			return m.error_field_skills_needed();
		case 'not_for_kind':
			return m.error_field_not_for_kind();
		case 'unknown_playlist':
			return m.error_field_unknown_playlist();
		default:
			return m.error_field_invalid();
	}
}
