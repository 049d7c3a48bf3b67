import { pickText } from '../../i18n/locales';
import type { SurveyRecord } from './queries';

/** A survey as lists on pages show it: its title in the reader's language (or a marked fallback). */
export const surveyListItem = (survey: SurveyRecord, locale: string) => ({
	id: survey.id,
	kind: survey.kind,
	status: survey.status,
	title: pickText(survey.title, locale, [survey.city.defaultLocale])
});
