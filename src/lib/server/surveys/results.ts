import type { SurveyAnswers, SurveyQuestion } from './schema';
import type { QuestionResultDto } from './schemas';

/** Means are reported to two decimals: enough to compare, not pretending more precision than 1..N answers have. */
export const round2 = (value: number) => Math.round(value * 100) / 100;
export const mean = (values: number[]) => (values.length ? round2(values.reduce((sum, value) => sum + value, 0) / values.length) : null);

/**
 * Per-question results from every response (pure, so the page, the API and the impact report count
 * the same way): choices counted, scales as a distribution and a mean, competences as a mean per item,
 * free text listed.
 */
export function summarise(questions: SurveyQuestion[], responses: { answers: SurveyAnswers }[], skillTitle: (id: string) => string): QuestionResultDto[] {
	return questions.map((question) => {
		const given = responses.map((response) => response.answers[question.id]).filter((value) => value !== undefined);
		const base = { id: question.id, type: question.type, text: question.text, answered: given.length };
		switch (question.type) {
			case 'single':
			case 'multiple': {
				const chosen = given.flatMap((value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []));
				return { ...base, options: (question.options ?? []).map((option) => ({ id: option.id, label: option.label, count: chosen.filter((id) => id === option.id).length })) };
			}
			case 'scale': {
				const numbers = given.filter((value): value is number => typeof value === 'number');
				const max = question.scaleMax ?? 5;
				return { ...base, scaleMax: max, distribution: Array.from({ length: max }, (_, i) => ({ value: i + 1, count: numbers.filter((n) => n === i + 1).length })), mean: mean(numbers) };
			}
			case 'text':
				return { ...base, texts: given.filter((value): value is string => typeof value === 'string' && value !== '') };
			case 'competence': {
				const ratings = given.filter((value): value is Record<string, number> => typeof value === 'object' && !Array.isArray(value));
				return {
					...base,
					scaleMax: question.scaleMax ?? 5,
					skills: (question.skills ?? []).map((skillId) => {
						const values = ratings.map((r) => r[skillId]).filter((n): n is number => typeof n === 'number');
						return { skillId, title: skillTitle(skillId), answered: values.length, mean: mean(values) };
					})
				};
			}
		}
	});
}
