import { describe, expect, it } from 'vitest';
import { checkAnswers, normaliseQuestions } from './questions';
import { competenceChanges, median } from './impact';
import { summarise } from './results';
import type { SurveyRecord } from './queries';
import type { SurveyQuestion } from './schema';

let n = 0;
const newId = () => `id${++n}`;

describe('questions', () => {
	it('keep given ids unless doubled, and only the fields of their type', () => {
		const questions = normaliseQuestions(
			[
				{ id: 'a', type: 'text', text: { en: 'A' }, required: true, options: [{ label: { en: 'x' } }], scaleMax: 3 },
				{ id: 'a', type: 'scale', text: { en: 'B' }, required: false },
				{ type: 'single', text: { en: 'C' }, required: true, options: [{ id: 'y', label: { en: 'Y' } }, { id: 'y', label: { en: 'Z' } }] }
			],
			newId
		);
		expect(questions[0]).toEqual({ id: 'a', type: 'text', text: { en: 'A' }, required: true });
		expect(questions[1]).toMatchObject({ type: 'scale', scaleMax: 5 });
		expect(questions[1]!.id).not.toBe('a');
		expect(questions[2]!.options!.map((o) => o.id)[0]).toBe('y');
		expect(new Set(questions[2]!.options!.map((o) => o.id)).size).toBe(2);
	});

	it('check answers per type, dropping unknown questions', () => {
		const questions: SurveyQuestion[] = [
			{ id: 's', type: 'single', text: {}, required: true, options: [{ id: 'a', label: {} }] },
			{ id: 'c', type: 'competence', text: {}, required: false, scaleMax: 4, skills: ['x:1', 'x:2'] },
			{ id: 't', type: 'text', text: {}, required: false }
		];
		expect(checkAnswers(questions, { s: 'a', c: { 'x:1': 4 }, t: '  hi ', other: 'dropped' })).toEqual({ answers: { s: 'a', c: { 'x:1': 4 }, t: 'hi' }, issues: [] });
		expect(checkAnswers(questions, { c: { 'x:1': 5, 'y:9': 1 } }).issues.map((i) => `${i.path}:${i.code}`)).toEqual(['answers.s:answer_required', 'answers.c:answer_scale']);
	});
});

describe('impact arithmetic', () => {
	const survey = (anonymous: boolean, id: string) => ({ anonymous, questions: [{ id, type: 'competence', text: {}, required: true, skills: ['k:1'] }] }) as unknown as SurveyRecord;
	it('compares group means when answers are anonymous', () => {
		const pre = { survey: survey(true, 'b'), responses: [1, 2, 3].map((v) => ({ userId: null, answers: { b: { 'k:1': v } } })) };
		const post = { survey: survey(true, 'a'), responses: [4, 5].map((v) => ({ userId: null, answers: { a: { 'k:1': v } } })) };
		expect(competenceChanges(pre, post, () => 'K')).toEqual([{ skillId: 'k:1', title: 'K', method: 'groups', pre: { answered: 3, mean: 2 }, post: { answered: 2, mean: 4.5 }, change: 2.5 }]);
	});
	it('takes the median of odd and even lists', () => {
		expect(median([])).toBeNull();
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});
	it('summarises scales with a distribution and a mean', () => {
		const [result] = summarise([{ id: 'r', type: 'scale', text: {}, required: true, scaleMax: 3 }], [{ answers: { r: 1 } }, { answers: { r: 3 } }, { answers: {} }], (id) => id);
		expect(result).toMatchObject({ answered: 2, mean: 2, distribution: [{ value: 1, count: 1 }, { value: 2, count: 0 }, { value: 3, count: 1 }] });
	});
});
