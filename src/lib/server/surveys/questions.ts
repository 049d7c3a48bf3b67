import type { FieldIssue } from '../http/errors';
import type { SurveyAnswers, SurveyQuestion } from './schema';
import type { QuestionInput } from './schemas';

const DEFAULT_SCALE = 5;

/**
 * Questions as stored: every question and option gets a stable id (kept when the builder sends one),
 * and only the fields of its type are kept, so that answers and results can rely on them.
 */
export function normaliseQuestions(inputs: QuestionInput[], newId: () => string): SurveyQuestion[] {
	const used = new Set<string>();
	const unique = (wanted: string | undefined) => {
		let id = wanted && !used.has(wanted) ? wanted : newId();
		while (used.has(id)) id = newId();
		used.add(id);
		return id;
	};
	return inputs.map((input) => {
		const base = { id: unique(input.id), type: input.type, text: input.text, required: input.required };
		switch (input.type) {
			case 'single':
			case 'multiple': {
				const optionIds = new Set<string>();
				const options = (input.options ?? []).map((option, index) => {
					const id = option.id && !optionIds.has(option.id) ? option.id : `o${index + 1}-${newId().slice(0, 6)}`;
					optionIds.add(id);
					return { id, label: option.label };
				});
				return { ...base, options };
			}
			case 'scale':
				return { ...base, scaleMax: input.scaleMax ?? DEFAULT_SCALE, ...(input.minLabel && { minLabel: input.minLabel }), ...(input.maxLabel && { maxLabel: input.maxLabel }) };
			case 'competence':
				return { ...base, scaleMax: input.scaleMax ?? DEFAULT_SCALE, skills: input.skills ?? [], ...(input.minLabel && { minLabel: input.minLabel }), ...(input.maxLabel && { maxLabel: input.maxLabel }) };
			case 'text':
				return base;
		}
	});
}

const isRating = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;

/**
 * Checks answers against the questions and returns them cleaned (unknown questions and empty answers
 * dropped) with one issue per question that is missing or wrong, at `answers.<question id>`.
 */
export function checkAnswers(questions: SurveyQuestion[], given: SurveyAnswers): { answers: SurveyAnswers; issues: FieldIssue[] } {
	const answers: SurveyAnswers = {};
	const issues: FieldIssue[] = [];
	const problem = (question: SurveyQuestion, code: string, message: string) => issues.push({ path: `answers.${question.id}`, code, message });
	for (const question of questions) {
		const value = given[question.id];
		const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.trim() === '');
		if (empty) {
			if (question.required) problem(question, 'answer_required', 'Answer this question.');
			continue;
		}
		const optionIds = new Set((question.options ?? []).map((option) => option.id));
		switch (question.type) {
			case 'single':
				if (typeof value === 'string' && optionIds.has(value)) answers[question.id] = value;
				else problem(question, 'answer_choice', 'Choose one of the options.');
				break;
			case 'multiple': {
				const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
				if (chosen && chosen.every((id) => optionIds.has(id))) answers[question.id] = [...new Set(chosen)];
				else problem(question, 'answer_choice', 'Choose among the options.');
				break;
			}
			case 'scale':
				if (isRating(value, question.scaleMax ?? 5)) answers[question.id] = value;
				else problem(question, 'answer_scale', `Give a whole number from 1 to ${question.scaleMax}.`);
				break;
			case 'text':
				if (typeof value === 'string') answers[question.id] = value.trim();
				else problem(question, 'answer_text', 'Write your answer as text.');
				break;
			case 'competence': {
				const ratings = typeof value === 'object' && !Array.isArray(value) ? value : undefined;
				const skills = question.skills ?? [];
				const rated = ratings ? skills.filter((skill) => ratings[skill] !== undefined) : [];
				const valid = ratings !== undefined && Object.keys(ratings).every((skill) => skills.includes(skill) && isRating(ratings[skill], question.scaleMax ?? 5));
				if (!valid) problem(question, 'answer_scale', `Rate each item from 1 to ${question.scaleMax}.`);
				else if (question.required && rated.length < skills.length) problem(question, 'answer_required', 'Rate every item.');
				else if (rated.length) answers[question.id] = Object.fromEntries(rated.map((skill) => [skill, ratings![skill]!]));
				break;
			}
		}
	}
	return { answers, issues };
}
