import { m } from '$lib/paraglide/messages';

const kinds: Record<string, () => string> = {
	needs: m.survey_kind_needs,
	activity_feedback: m.survey_kind_activity_feedback,
	playlist_pre: m.survey_kind_playlist_pre,
	playlist_post: m.survey_kind_playlist_post,
	follow_up: m.survey_kind_follow_up
};
const statuses: Record<string, () => string> = { draft: m.survey_status_draft, open: m.survey_status_open, closed: m.survey_status_closed };
const types: Record<string, () => string> = {
	single: m.survey_type_single,
	multiple: m.survey_type_multiple,
	scale: m.survey_type_scale,
	text: m.survey_type_text,
	competence: m.survey_type_competence
};

export const surveyKindLabel = (kind: string) => kinds[kind]?.() ?? kind;
export const surveyStatusLabel = (status: string) => statuses[status]?.() ?? status;
export const questionTypeLabel = (type: string) => types[type]?.() ?? type;
