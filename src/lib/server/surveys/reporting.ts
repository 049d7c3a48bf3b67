import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../policies/policies';
import { notFound } from '../http/errors';
import { pickText, type LocalizedText } from '../../i18n/locales';
import { csvRows, EXCEL_UTF8_BOM } from '../shared/csv';
import { listResponses, loadSurvey, type SurveyRecord } from './queries';
import { ownerScope } from './service';
import { summarise } from './results';
import type { SurveyResultsDto, QuestionResultDto } from './schemas';

type Deps = Pick<AppContext, 'db' | 'frameworks'>;

/** A survey whose results the actor may see: its owner and the city's admins; 404 when it does not exist. */
export async function surveyForResults(app: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<SurveyRecord> {
	const survey = await loadSurvey(app.db, id);
	if (!survey) throw notFound('Survey');
	authorize(actor, 'survey.results', ownerScope(survey));
	return survey;
}

export const skillTitleIn = (app: Pick<Deps, 'frameworks'>) => (id: string) => app.frameworks.item(id)?.title ?? id;

export async function surveyResults(app: Deps, actor: Actor, id: string): Promise<{ survey: SurveyRecord; responses: number; questions: QuestionResultDto[] }> {
	const survey = await surveyForResults(app, actor, id);
	const responses = await listResponses(app.db, survey.id);
	return { survey, responses: responses.length, questions: summarise(survey.questions, responses, skillTitleIn(app)) };
}
export type SurveyResults = Awaited<ReturnType<typeof surveyResults>>;
export type { SurveyResultsDto };

/**
 * Every response as a CSV row, in the reader's language: one column per question (one per item for a
 * competence self-assessment). Linked answers carry the respondent's name and e-mail for the survey's
 * owner only, whom learners consented to; the city's admins reading an organisation's survey, and
 * everyone reading an anonymous one, get nothing that identifies anyone (anonymous: only the day).
 */
export async function surveyCsv(app: Deps, actor: Actor, id: string, locale: string): Promise<string> {
	const survey = await surveyForResults(app, actor, id);
	const responses = await listResponses(app.db, survey.id);
	const text = (value: LocalizedText | undefined) => pickText(value, locale, [survey.city.defaultLocale])?.text ?? '';
	const skillTitle = skillTitleIn(app);
	const columns = survey.questions.flatMap((question) =>
		question.type === 'competence'
			? (question.skills ?? []).map((skill) => ({ heading: `${text(question.text)}: ${skillTitle(skill)}`, cell: (answers: (typeof responses)[number]['answers']) => {
				const value = answers[question.id];
				return typeof value === 'object' && !Array.isArray(value) ? (value[skill] ?? '') : '';
			} }))
			: [{ heading: text(question.text), cell: (answers: (typeof responses)[number]['answers']) => {
				const value = answers[question.id];
				const label = (optionId: string) => text(question.options?.find((option) => option.id === optionId)?.label) || optionId;
				if (value === undefined) return '';
				if (question.type === 'single' && typeof value === 'string') return label(value);
				if (question.type === 'multiple' && Array.isArray(value)) return value.map(label).join('; ');
				return typeof value === 'object' ? JSON.stringify(value) : value;
			} }]
	);
	const identified = !survey.anonymous && can(actor, 'survey.manage', ownerScope(survey));
	const identity = identified ? ['name', 'email'] : [];
	const header = ['response', 'submitted', ...identity, ...columns.map((column) => column.heading)];
	const rows = responses.map((response) => [
		response.id,
		survey.anonymous ? response.submittedAt.toISOString().slice(0, 10) : response.submittedAt.toISOString(),
		...(identified ? [response.name ?? '', response.email ?? ''] : []),
		...columns.map((column) => column.cell(response.answers))
	]);
	return EXCEL_UTF8_BOM + csvRows([header, ...rows]);
}
