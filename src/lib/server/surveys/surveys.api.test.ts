/**
 * Surveys through HTTP: an organisation builds an activity-feedback survey and pre/post
 * self-assessments on a playlist; learners it is meant for answer once (linked answers only with
 * consent); the owner and the city's admins read exact results, the CSV and the playlist's impact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, createOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

type Learner = ApiClient & { userId: string; email: string };
let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let otherOrg: { owner: ApiClient; id: string };
let otherCityAdmin: ApiClient;
let otherCitySlug = '';
let outsider: Learner;
const learners: Learner[] = [];
const activity = { a: '', b: '' };
let playlistId = '';

const feedbackQuestions = [
	{ id: 'useful', type: 'single', text: { en: 'Was it useful?', nl: 'Was het nuttig?' }, options: [{ id: 'yes', label: { en: 'Yes' } }, { id: 'partly', label: { en: 'Partly' } }, { id: 'no', label: { en: 'No' } }] },
	{ id: 'liked', type: 'multiple', text: { en: 'What did you like?' }, required: false, options: [{ id: 'games', label: { en: 'Games' } }, { id: 'talks', label: { en: 'Talks' } }, { id: 'food', label: { en: 'Food' } }] },
	{ id: 'rating', type: 'scale', text: { en: 'How good was it?' }, scaleMax: 5, minLabel: { en: 'Poor' }, maxLabel: { en: 'Great' } },
	{ id: 'comment', type: 'text', text: { en: 'Anything else?' }, required: false },
	{ id: 'skills', type: 'competence', text: { en: 'Rate yourself' }, skills: ['lifecomp:P2', 'digcomp:1.1'] }
];
const assessment = (id: string) => [{ id, type: 'competence', text: { en: 'How strong are you in these?' }, scaleMax: 5, skills: ['lifecomp:P1', 'lifecomp:P2'] }];

async function award(learner: ApiClient, activityId: string) {
	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	expect(joined.status, JSON.stringify(joined.body)).toBe(201);
	expect((await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);
}

async function openSurvey(body: Record<string, unknown>) {
	const created = await setup.owner.post('/api/v1/surveys', { organisationId: setup.organisation.id, ...body });
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const opened = await setup.owner.post(`/api/v1/surveys/${created.body.id}/open`);
	expect(opened.status, JSON.stringify(opened.body)).toBe(200);
	return opened.body as { id: string; questions: { id: string }[] };
}

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	activity.a = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Stage fright workshop' } })).id;
	activity.b = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Podcast basics' } })).id;
	const owner = await signUp(platform, 'other-owner');
	const org = await createOrganisation(owner, setup.city.slug);
	expect((await setup.cityAdmin.post(`/api/v1/organisations/${org.id}/approve`)).status).toBe(200);
	otherOrg = { owner, id: org.id };
	const elsewhere = await approvedOrganisation(platform);
	otherCityAdmin = elsewhere.cityAdmin;
	otherCitySlug = elsewhere.city.slug;
	outsider = await signUp(platform, 'outsider');
	for (const label of ['ana', 'ben', 'cas']) learners.push(await signUp(platform, label));
	const playlist = await setup.owner.post('/api/v1/playlists', {
		organisationId: setup.organisation.id,
		title: { en: 'Find your voice' },
		description: { en: 'Two steps.' },
		items: [{ activityId: activity.a }, { activityId: activity.b }]
	});
	expect(playlist.status, JSON.stringify(playlist.body)).toBe(201);
	playlistId = playlist.body.id;
	expect((await setup.owner.post(`/api/v1/playlists/${playlistId}/publish`)).status).toBe(200);
});
afterAll(() => platform?.server.stop());

describe('building a survey', () => {
	const valid = () => ({ organisationId: setup.organisation.id, kind: 'activity_feedback', activityId: activity.a, title: { en: 'How was it?' }, questions: feedbackQuestions });

	it('refuses visitors, outsiders and bad input, creating nothing', async () => {
		expect((await platform.anonymous.post('/api/v1/surveys', valid())).status).toBe(401);
		expect((await outsider.post('/api/v1/surveys', valid())).status).toBe(403);
		expect((await otherOrg.owner.post('/api/v1/surveys', valid())).status).toBe(403);
		// A city survey belongs to the city's admins, not to its organisations.
		expect((await setup.owner.post('/api/v1/surveys', { city: setup.city.slug, kind: 'needs', title: { en: 'Needs' } })).status).toBe(403);
		expect((await setup.owner.request('POST', '/api/v1/surveys', '{"kind":', { 'content-type': 'application/json' })).status).toBe(400);
		const otherActivity = (await publishedActivity(otherOrg.owner, otherOrg.id)).id;
		const cases: [Record<string, unknown>, string, string][] = [
			[{ kind: 'poll' }, 'kind', 'invalid_value'],
			[{ title: {} }, 'title', 'required'],
			[{ activityId: undefined }, 'activityId', 'required'],
			[{ activityId: otherActivity }, 'activityId', 'unknown_activity'],
			[{ kind: 'needs' }, 'activityId', 'not_for_kind'],
			[{ questions: [{ type: 'single', text: { en: 'One?' }, options: [{ label: { en: 'Only' } }] }] }, 'questions.0.options', 'options_needed'],
			[{ questions: [{ type: 'competence', text: { en: 'Rate' }, skills: ['nonsense:1'] }] }, 'questions.0.skills.0', 'unknown_skill'],
			[{ questions: [{ type: 'scale', text: { en: 'Rate' }, scaleMax: 11 }] }, 'questions.0.scaleMax', 'too_big']
		];
		for (const [overrides, path, code] of cases) {
			const res = await setup.owner.post('/api/v1/surveys', { ...valid(), ...overrides });
			expect(res.status, JSON.stringify(overrides)).toBe(422);
			expect(res.body.error.details, JSON.stringify(res.body)).toContainEqual(expect.objectContaining({ path, code }));
		}
		const listed = await setup.owner.get(`/api/v1/surveys?organisation=${setup.organisation.id}`);
		expect(listed.body.items).toEqual([]);
	});

	it('keeps drafts to their owner, freezes questions once open, and needs a question to open', async () => {
		const created = await setup.owner.post('/api/v1/surveys', { ...valid(), questions: [] });
		expect(created.status).toBe(201);
		const id = created.body.id;
		expect(created.body).toMatchObject({ status: 'draft', anonymous: true, kind: 'activity_feedback', organisation: { id: setup.organisation.id } });
		expect((await learners[0]!.get(`/api/v1/surveys/${id}`)).status).toBe(404);
		expect((await platform.anonymous.get(`/api/v1/surveys/${id}`)).status).toBe(401);
		expect((await platform.anonymous.post(`/api/v1/surveys/${id}/open`)).status).toBe(401);
		expect((await otherOrg.owner.post(`/api/v1/surveys/${id}/open`)).status).toBe(404);
		expect((await setup.cityAdmin.post(`/api/v1/surveys/${id}/open`)).status).toBe(403);
		expect((await setup.owner.post(`/api/v1/surveys/${id}/open`)).status).toBe(409);
		expect((await setup.owner.post(`/api/v1/surveys/${crypto.randomUUID()}/open`)).status).toBe(404);
		expect((await setup.owner.get('/api/v1/surveys/not-a-survey')).status).toBe(404);
		const patched = await setup.owner.patch(`/api/v1/surveys/${id}`, { questions: [feedbackQuestions[2]] });
		expect(patched.status, JSON.stringify(patched.body)).toBe(200);
		expect(patched.body.questions).toEqual([{ id: 'rating', type: 'scale', text: { en: 'How good was it?' }, required: true, scaleMax: 5, minLabel: { en: 'Poor' }, maxLabel: { en: 'Great' } }]);
		expect((await setup.owner.post(`/api/v1/surveys/${id}/open`)).status).toBe(200);
		expect((await setup.owner.patch(`/api/v1/surveys/${id}`, { questions: [] })).status).toBe(409);
		expect((await setup.owner.patch(`/api/v1/surveys/${id}`, { title: { en: 'Renamed' } })).status).toBe(200);
		expect((await setup.owner.post(`/api/v1/surveys/${id}/close`)).body.status).toBe('closed');
		expect((await learners[0]!.get(`/api/v1/surveys/${id}`)).status).toBe(404);
	});
});

describe('answering and results', () => {
	let feedback: { id: string };

	it('asks participants once the activity is over for them, once each, anonymously', async () => {
		feedback = await openSurvey({ kind: 'activity_feedback', activityId: activity.a, title: { en: 'How was the workshop?' }, questions: feedbackQuestions });
		const [ana, ben, cas] = learners as [Learner, Learner, Learner];
		await award(ana, activity.a);
		await award(ben, activity.a);
		// Cas joined but the activity (in 2030) is not over and Cas did not complete it.
		expect((await cas.post(`/api/v1/activities/${activity.a}/enrolments`)).status).toBe(201);
		const answers = { useful: 'yes', liked: ['games', 'talks'], rating: 4, comment: 'More of this, please', skills: { 'lifecomp:P2': 3, 'digcomp:1.1': 4 } };
		expect((await platform.anonymous.post(`/api/v1/surveys/${feedback.id}/responses`, { answers })).status).toBe(401);
		expect((await cas.post(`/api/v1/surveys/${feedback.id}/responses`, { answers })).status).toBe(403);
		expect((await outsider.post(`/api/v1/surveys/${feedback.id}/responses`, { answers })).status).toBe(403);
		expect((await ana.post(`/api/v1/surveys/${crypto.randomUUID()}/responses`, { answers })).status).toBe(404);
		expect((await ana.post(`/api/v1/surveys/${feedback.id}/responses`, { answers: 'yes' })).status).toBe(422);
		const bad = await ana.post(`/api/v1/surveys/${feedback.id}/responses`, { answers: { useful: 'maybe', liked: ['cake'], rating: 6, skills: { 'lifecomp:P2': 3 } } });
		expect(bad.status).toBe(422);
		expect(bad.body.error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)).toEqual(['answers.useful:answer_choice', 'answers.liked:answer_choice', 'answers.rating:answer_scale', 'answers.skills:answer_required']);
		expect((await ana.get('/api/v1/me/surveys')).body.items.map((s: { id: string }) => s.id)).toContain(feedback.id);
		expect((await cas.get('/api/v1/me/surveys')).body.items.map((s: { id: string }) => s.id)).not.toContain(feedback.id);
		expect((await ana.post(`/api/v1/surveys/${feedback.id}/responses`, { answers })).status).toBe(201);
		expect((await ana.post(`/api/v1/surveys/${feedback.id}/responses`, { answers })).status).toBe(409);
		expect((await ana.get('/api/v1/me/surveys')).body.items.map((s: { id: string }) => s.id)).not.toContain(feedback.id);
		expect((await ben.post(`/api/v1/surveys/${feedback.id}/responses`, { answers: { useful: 'partly', liked: ['talks'], rating: 5, skills: { 'lifecomp:P2': 5, 'digcomp:1.1': 2 } } })).status).toBe(201);
	});

	it('shows results only to the owner and the city’s admins', async () => {
		const path = `/api/v1/surveys/${feedback.id}/results`;
		expect((await platform.anonymous.get(path)).status).toBe(401);
		expect((await learners[0]!.get(path)).status).toBe(403);
		expect((await otherOrg.owner.get(path)).status).toBe(403);
		expect((await otherCityAdmin.get(path)).status).toBe(403);
		expect((await otherOrg.owner.get(`/api/v1/surveys/${feedback.id}/responses`)).status).toBe(403);
		expect((await learners[0]!.get(`/api/v1/surveys?organisation=${setup.organisation.id}`)).status).toBe(403);
		expect((await setup.owner.get(`/api/v1/surveys/${crypto.randomUUID()}/results`)).status).toBe(404);
		expect((await setup.cityAdmin.get(path)).status).toBe(200);
		const results = await setup.owner.get(path);
		expect(results.status).toBe(200);
		expect(results.body.responses).toBe(2);
		const [useful, liked, rating, comment, skills] = results.body.questions;
		expect(useful).toMatchObject({ answered: 2, options: [{ id: 'yes', count: 1 }, { id: 'partly', count: 1 }, { id: 'no', count: 0 }] });
		expect(liked).toMatchObject({ answered: 2, options: [{ id: 'games', count: 1 }, { id: 'talks', count: 2 }, { id: 'food', count: 0 }] });
		expect(rating).toMatchObject({ answered: 2, mean: 4.5, distribution: [1, 2, 3, 4, 5].map((value) => ({ value, count: value >= 4 ? 1 : 0 })) });
		expect(comment).toMatchObject({ answered: 1, texts: ['More of this, please'] });
		expect(skills.skills.map((s: { skillId: string; answered: number; mean: number }) => [s.skillId, s.answered, s.mean])).toEqual([
			['lifecomp:P2', 2, 4],
			['digcomp:1.1', 2, 3]
		]);
		const feedbackSummary = await setup.owner.get(`/api/v1/organisations/${setup.organisation.id}/feedback`);
		expect(feedbackSummary.status).toBe(200);
		// The survey closed in the test above counts too, with no answers.
		expect(feedbackSummary.body).toMatchObject({ surveys: 2, responses: 2 });
		expect(feedbackSummary.body.items.find((item: { survey: { id: string } }) => item.survey.id === feedback.id)).toMatchObject({ activity: { id: activity.a }, responses: 2, scales: [{ questionId: 'rating', answered: 2, mean: 4.5 }] });
		expect((await platform.anonymous.get(`/api/v1/organisations/${setup.organisation.id}/feedback`)).status).toBe(401);
		expect((await learners[0]!.get(`/api/v1/organisations/${setup.organisation.id}/feedback`)).status).toBe(403);
		expect((await otherCityAdmin.get(`/api/v1/organisations/${setup.organisation.id}/feedback`)).status).toBe(403);

		// The CSV: anonymous answers carry no identity and only the day.
		const csv = await setup.owner.get(`/api/v1/surveys/${feedback.id}/responses`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const [header, ...rows] = (csv.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		const [p2, d11] = skills.skills.map((s: { title: string }) => s.title);
		expect(header).toBe(['response', 'submitted', 'Was it useful?', 'What did you like?', 'How good was it?', 'Anything else?', `Rate yourself: ${p2}`, `Rate yourself: ${d11}`].map((h) => (h.includes(',') ? `"${h}"` : h)).join(','));
		const day = new Date().toISOString().slice(0, 10);
		expect(rows.map((row) => row.replace(/^[0-9a-f-]{36},/, '')).sort()).toEqual([`${day},Partly,Talks,5,,5,2`, `${day},Yes,Games; Talks,4,"More of this, please",3,4`]);
		for (const learner of learners) expect(csv.body).not.toContain(learner.email);
	});
});

describe('impact of a playlist', () => {
	it('compares pre and post self-assessments per learner, with consent, and counts completions', async () => {
		const [ana, ben, cas] = learners as [Learner, Learner, Learner];
		const pre = await openSurvey({ kind: 'playlist_pre', playlistId, anonymous: false, title: { en: 'Before you start' }, questions: assessment('before') });
		for (const learner of learners) expect((await learner.post(`/api/v1/playlists/${playlistId}/follow`)).status).toBe(200);
		expect((await outsider.post(`/api/v1/surveys/${pre.id}/responses`, { consent: true, answers: { before: { 'lifecomp:P1': 2, 'lifecomp:P2': 3 } } })).status).toBe(403);
		const noConsent = await ana.post(`/api/v1/surveys/${pre.id}/responses`, { answers: { before: { 'lifecomp:P1': 2, 'lifecomp:P2': 3 } } });
		expect(noConsent.status).toBe(422);
		expect(noConsent.body.error.details).toEqual([expect.objectContaining({ path: 'consent', code: 'consent_required' })]);
		const preAnswers: [Learner, number, number][] = [[ana, 2, 3], [ben, 1, 2], [cas, 4, 4]];
		for (const [learner, p1, p2] of preAnswers) expect((await learner.post(`/api/v1/surveys/${pre.id}/responses`, { consent: true, answers: { before: { 'lifecomp:P1': p1, 'lifecomp:P2': p2 } } })).status).toBe(201);

		// Ana and Ben complete the playlist (activity a was awarded earlier); Cas does not.
		await award(ana, activity.b);
		await award(ben, activity.b);
		const post = await openSurvey({ kind: 'playlist_post', playlistId, anonymous: false, title: { en: 'Now that you finished' }, questions: assessment('after') });
		const followUp = await openSurvey({
			kind: 'follow_up',
			playlistId,
			title: { en: 'What happened next?' },
			questions: [{ id: 'next', type: 'single', text: { en: 'Since finishing, I…' }, options: [{ id: 'job', label: { en: 'found a job' } }, { id: 'study', label: { en: 'started a course' } }, { id: 'none', label: { en: 'nothing yet' } }] }]
		});
		expect((await cas.post(`/api/v1/surveys/${post.id}/responses`, { consent: true, answers: { after: { 'lifecomp:P1': 5, 'lifecomp:P2': 5 } } })).status).toBe(403);
		expect((await ana.post(`/api/v1/surveys/${post.id}/responses`, { consent: true, answers: { after: { 'lifecomp:P1': 4, 'lifecomp:P2': 3 } } })).status).toBe(201);
		expect((await ben.post(`/api/v1/surveys/${post.id}/responses`, { consent: true, answers: { after: { 'lifecomp:P1': 4, 'lifecomp:P2': 5 } } })).status).toBe(201);
		expect((await ana.post(`/api/v1/surveys/${followUp.id}/responses`, { answers: { next: 'study' } })).status).toBe(201);
		expect((await ben.post(`/api/v1/surveys/${followUp.id}/responses`, { answers: { next: 'job' } })).status).toBe(201);

		const path = `/api/v1/playlists/${playlistId}/impact`;
		expect((await platform.anonymous.get(path)).status).toBe(401);
		expect((await ana.get(path)).status).toBe(403);
		expect((await otherOrg.owner.get(path)).status).toBe(403);
		expect((await otherCityAdmin.get(path)).status).toBe(403);
		expect((await setup.owner.get(`/api/v1/playlists/${crypto.randomUUID()}/impact`)).status).toBe(404);
		expect((await setup.cityAdmin.get(path)).status).toBe(200);
		const impact = await setup.owner.get(path);
		expect(impact.status).toBe(200);
		expect(impact.body).toMatchObject({ followers: 3, completed: 2, completionRate: 0.6667, medianDaysToComplete: 0, preSurveyId: pre.id, postSurveyId: post.id });
		// Paired: P1 2->4 and 1->4 (change 2.5); P2 3->3 and 2->5 (change 1.5). Cas has no post answer.
		expect(impact.body.competences.map((c: { skillId: string; method: string; pre: unknown; post: unknown; change: number }) => [c.skillId, c.method, c.pre, c.post, c.change])).toEqual([
			['lifecomp:P1', 'paired', { answered: 2, mean: 1.5 }, { answered: 2, mean: 4 }, 2.5],
			['lifecomp:P2', 'paired', { answered: 2, mean: 2.5 }, { answered: 2, mean: 4 }, 1.5]
		]);
		expect(impact.body.followUp).toMatchObject({ surveyId: followUp.id, responses: 2, questions: [{ options: [{ id: 'job', count: 1 }, { id: 'study', count: 1 }, { id: 'none', count: 0 }] }] });

		// Linked answers: the CSV names the respondents to the owner they consented to, not to the city.
		const csv = await setup.owner.get(`/api/v1/surveys/${pre.id}/responses`);
		for (const learner of learners) expect(csv.body).toContain(learner.email);
		const cityCsv = await setup.cityAdmin.get(`/api/v1/surveys/${pre.id}/responses`);
		expect(cityCsv.status).toBe(200);
		expect((cityCsv.body as string).split('\r\n')[0]).not.toContain('email');
		for (const learner of learners) expect(cityCsv.body).not.toContain(learner.email);
	});
});

describe('a needs mapping of the city', () => {
	it('is built by the city’s admins and asked of the learners who take part in the city', async () => {
		const needs = (admin: ApiClient, city: string) =>
			admin.post('/api/v1/surveys', { city, kind: 'needs', title: { en: 'What do you need?' }, questions: [{ id: 'learn', type: 'multiple', text: { en: 'What would you like to learn?' }, options: [{ id: 'digital', label: { en: 'Digital skills' } }, { id: 'languages', label: { en: 'Languages' } }] }] });
		const here = await needs(setup.cityAdmin, setup.city.slug);
		const there = await needs(otherCityAdmin, otherCitySlug);
		expect([here.status, there.status]).toEqual([201, 201]);
		expect(here.body.organisation).toBeNull();
		for (const survey of [here, there]) expect((await platform.admin.post(`/api/v1/surveys/${survey.body.id}/open`)).status).toBe(200);
		const asked = async (client: ApiClient) => (await client.get('/api/v1/me/surveys')).body.items.filter((s: { kind: string }) => s.kind === 'needs').map((s: { id: string }) => s.id).sort();
		// Ana takes part in this city only; a newcomer is asked by every city.
		expect(await asked(learners[0]!)).toEqual([here.body.id]);
		expect(await asked(outsider)).toEqual([here.body.id, there.body.id].sort());
		expect((await outsider.post(`/api/v1/surveys/${here.body.id}/responses`, { answers: { learn: ['digital', 'languages'] } })).status).toBe(201);
		expect((await learners[0]!.post(`/api/v1/surveys/${here.body.id}/responses`, { answers: { learn: ['digital'] } })).status).toBe(201);
		expect((await setup.owner.get(`/api/v1/surveys/${here.body.id}/results`)).status).toBe(403);
		expect((await otherCityAdmin.get(`/api/v1/surveys/${here.body.id}/results`)).status).toBe(403);
		const results = await setup.cityAdmin.get(`/api/v1/surveys/${here.body.id}/results`);
		expect(results.body.questions[0]).toMatchObject({ answered: 2, options: [{ id: 'digital', count: 2 }, { id: 'languages', count: 1 }] });
		const listed = await setup.cityAdmin.get(`/api/v1/surveys?city=${setup.city.slug}`);
		expect(listed.body.items.find((s: { id: string }) => s.id === here.body.id)).toMatchObject({ responses: 2, status: 'open' });
		expect((await otherCityAdmin.get(`/api/v1/surveys?city=${setup.city.slug}`)).status).toBe(403);
	});
});

describe('the API document', () => {
	it('lists the survey endpoints', async () => {
		const doc = (await platform.anonymous.get('/api/openapi.json')).body;
		for (const [path, method] of [
			['/api/v1/surveys', 'post'],
			['/api/v1/surveys/{id}/responses', 'post'],
			['/api/v1/surveys/{id}/responses', 'get'],
			['/api/v1/surveys/{id}/results', 'get'],
			['/api/v1/playlists/{id}/impact', 'get'],
			['/api/v1/organisations/{id}/feedback', 'get'],
			['/api/v1/me/surveys', 'get']
		] as const) {
			expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
		}
	});
});
