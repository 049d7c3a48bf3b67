import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Db } from '../db/database';
import type { LocalizedText } from '../db/columns';
import { activities } from '../activities/schema';
import { playlistFollowers } from '../playlists/schema';
import { credentials } from '../credentials/schema';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import { effectiveSkills, loadPlaylists } from '../playlists/queries';
import { surveyRespondents, surveyResponses, surveys, type SurveyAnswers, type SurveyKind, type SurveyQuestion } from './schema';
import { seededRandom, type SeededRandom } from '../shared/seeded-random';

export interface DemoSurveyInput {
	cityId: string;
	learnerIds: string[];
	activityIds: string[];
	playlistIds: string[];
	/** The end of the twelve months the answers are spread over (default: now). */
	now?: Date;
	/** Same seed, same answers. */
	seed?: number;
}

export interface DemoSurveyResult {
	surveys: number;
	responses: number;
}

const DAY = 86_400_000;

type Random = SeededRandom;

const t = (en: string, nl: string): LocalizedText => ({ en, nl });
const options = (...labels: [string, string, string][]) => labels.map(([id, en, nl]) => ({ id, label: t(en, nl) }));
const clamp = (value: number, max: number) => Math.max(1, Math.min(max, value));

/**
 * Creates the surveys a city running for a year would have, with plausible answers spread over twelve
 * months: a needs mapping of the city's young people, feedback on each given activity, and pre/post
 * self-assessments and a follow-up on each given playlist (post answers by learners who hold the
 * playlist badge when there are any, rated higher than before). It writes directly, without checking
 * who may: it is for the demo-seed command only, hence the name.
 */
export async function unsafeSeedDemoSurveys(app: Pick<AppContext, 'db' | 'frameworks' | 'now'>, input: DemoSurveyInput): Promise<DemoSurveyResult> {
	const random = seededRandom(input.seed ?? 2026);
	const now = input.now ?? app.now();
	const yearAgo = now.getTime() - 365 * DAY;
	const within = (from: number, to = now.getTime()) => new Date(from + random.next() * Math.max(0, to - from));
	const frameworkIds = await frameworksOfCity(app.db, app.frameworks, input.cityId);
	const citySkills = frameworkIds.flatMap((id) => (app.frameworks.framework(id)?.items ?? []).filter((item) => app.frameworks.isSelectable(item)).slice(0, 2).map((item) => item.id)).slice(0, 4);
	let responses = 0;
	let created = 0;

	return app.db.transaction(async (tx) => {
		const survey: SurveyFn = async (values, answers) => {
			const openedAt = new Date(Math.min(...answers.map((a) => a.at.getTime()), now.getTime()) - DAY);
			const [row] = await tx
				.insert(surveys)
				.values({ cityId: input.cityId, ...values, status: 'open', openedAt, createdAt: openedAt })
				.returning({ id: surveys.id });
			const unique = [...new Map(answers.map((a) => [a.userId, a])).values()];
			if (unique.length) {
				await tx.insert(surveyRespondents).values(unique.map((a) => ({ surveyId: row!.id, userId: a.userId })));
				await tx.insert(surveyResponses).values(
					unique.map((a) => {
						const day = new Date(Date.UTC(a.at.getUTCFullYear(), a.at.getUTCMonth(), a.at.getUTCDate()));
						return values.anonymous
							? { surveyId: row!.id, cityId: input.cityId, userId: null, answers: a.answers, submittedAt: day }
							: { surveyId: row!.id, cityId: input.cityId, userId: a.userId, answers: a.answers, consentedAt: a.at, submittedAt: a.at };
					})
				);
			}
			created++;
			responses += unique.length;
			return row!.id;
		};

		await survey(needsMapping(citySkills), random.sample(input.learnerIds, 0.6).map((userId) => ({ userId, at: within(yearAgo), answers: needsAnswers(random, citySkills) })));

		const activityRows = input.activityIds.length
			? await tx.select({ id: activities.id, organisationId: activities.organisationId, title: activities.title }).from(activities).where(inArray(activities.id, input.activityIds))
			: [];
		for (const activity of activityRows) {
			const respondents = random.sample(input.learnerIds, 0.3).slice(0, 40);
			await survey(
				{ ...feedbackSurvey(activity.title), organisationId: activity.organisationId, activityId: activity.id },
				respondents.map((userId) => ({ userId, at: within(yearAgo), answers: feedbackAnswers(random) }))
			);
		}

		for (const playlist of await loadPlaylists(tx, input.playlistIds)) {
			await seedPlaylist(tx, playlist, random, { survey, within, yearAgo, now, learnerIds: input.learnerIds, fallbackSkills: citySkills });
		}
		return { surveys: created, responses };
	});
}

interface SurveyValues {
	kind: SurveyKind;
	organisationId: string | null;
	activityId?: string;
	playlistId?: string;
	anonymous: boolean;
	title: LocalizedText;
	intro: LocalizedText;
	questions: SurveyQuestion[];
}
interface DemoAnswer {
	userId: string;
	at: Date;
	answers: SurveyAnswers;
}
type SurveyFn = (values: SurveyValues, answers: DemoAnswer[]) => Promise<string>;

async function seedPlaylist(
	tx: Db,
	playlist: Awaited<ReturnType<typeof loadPlaylists>>[number],
	random: Random,
	context: { survey: SurveyFn; within: (from: number, to?: number) => Date; yearAgo: number; now: Date; learnerIds: string[]; fallbackSkills: string[] }
) {
	const skills = (effectiveSkills(playlist).length ? effectiveSkills(playlist) : context.fallbackSkills).slice(0, 4);
	if (!skills.length) return;
	const [followers, completed] = await Promise.all([
		tx.select({ userId: playlistFollowers.userId, at: playlistFollowers.followedAt }).from(playlistFollowers).where(eq(playlistFollowers.playlistId, playlist.id)),
		tx.select({ userId: credentials.userId }).from(credentials).where(and(eq(credentials.playlistId, playlist.id), isNotNull(credentials.userId), isNull(credentials.revokedAt)))
	]);
	const starters = followers.length ? followers : random.sample(context.learnerIds, 0.25).map((userId) => ({ userId, at: context.within(context.yearAgo) }));
	const finished = new Set(completed.length ? completed.map((row) => row.userId!) : random.sample(starters, 0.5).map((row) => row.userId));
	const before = new Map(starters.map((row) => [row.userId, Object.fromEntries(skills.map((skill) => [skill, random.int(1, 3)]))]));
	const question = (id: string): SurveyQuestion => ({ id, type: 'competence', text: t('How strong are you in these?', 'Hoe sterk ben je hierin?'), required: true, scaleMax: 5, minLabel: t('Just starting', 'Net begonnen'), maxLabel: t('Very confident', 'Heel zeker'), skills });
	const base = { organisationId: playlist.organisationId, playlistId: playlist.id, intro: t('It takes two minutes.', 'Het duurt twee minuten.') };
	await context.survey(
		{ ...base, kind: 'playlist_pre', anonymous: false, title: t('Before you start', 'Voordat je begint'), questions: [question('before')] },
		starters.map((row) => ({ userId: row.userId, at: row.at, answers: { before: before.get(row.userId)! } }))
	);
	const ended = starters.filter((row) => finished.has(row.userId)).map((row) => ({ ...row, at: new Date(Math.min(row.at.getTime() + random.int(14, 120) * DAY, context.now.getTime())) }));
	await context.survey(
		{ ...base, kind: 'playlist_post', anonymous: false, title: t('Now that you finished', 'Nu je klaar bent'), questions: [question('after')] },
		ended.map((row) => ({ userId: row.userId, at: row.at, answers: { after: Object.fromEntries(skills.map((skill) => [skill, clamp(before.get(row.userId)![skill]! + random.int(0, 2), 5)])) } }))
	);
	const outcomes = ['job', 'study', 'volunteer', 'none'];
	await context.survey(
		{
			...base,
			kind: 'follow_up',
			anonymous: true,
			title: t('What happened next?', 'Wat gebeurde er daarna?'),
			questions: [
				{ id: 'next', type: 'single', text: t('Since finishing, I…', 'Sinds ik klaar ben, heb ik…'), required: true, options: options(['job', 'found a job or an internship', 'een baan of stage gevonden'], ['study', 'started a course or training', 'een opleiding of cursus gestart'], ['volunteer', 'started volunteering', 'vrijwilligerswerk gevonden'], ['none', 'nothing new yet', 'nog niets nieuws']) },
				{ id: 'story', type: 'text', text: t('Tell us what changed for you', 'Vertel wat er voor jou veranderde'), required: false }
			]
		},
		random.sample(ended, 0.7).map((row) => ({ userId: row.userId, at: new Date(Math.min(row.at.getTime() + random.int(30, 90) * DAY, context.now.getTime())), answers: { next: random.pick(outcomes), ...(random.next() < 0.3 && { story: random.pick(STORIES) }) } }))
	);
}

const STORIES = ['I used my badge in a job interview.', 'I feel more confident speaking in groups.', 'I now help others at the youth centre.', 'I signed up for the next course.'];

function needsMapping(skills: string[]) {
	const questions: SurveyQuestion[] = [
		{ id: 'now', type: 'single', text: t('What do you mostly do now?', 'Wat doe je nu vooral?'), required: true, options: options(['school', 'School or studies', 'School of studie'], ['work', 'Work', 'Werk'], ['looking', 'Looking for work', 'Op zoek naar werk'], ['other', 'Something else', 'Iets anders']) },
		{ id: 'learn', type: 'multiple', text: t('What would you like to learn?', 'Wat zou je willen leren?'), required: true, options: options(['digital', 'Digital skills', 'Digitale vaardigheden'], ['languages', 'Languages', 'Talen'], ['enterprise', 'Starting something of my own', 'Iets eigens beginnen'], ['green', 'Living sustainably', 'Duurzaam leven'], ['wellbeing', 'Feeling well', 'Je goed voelen']) },
		{ id: 'find', type: 'scale', text: t('How easy is it to find learning opportunities in the city?', 'Hoe makkelijk vind je leerkansen in de stad?'), required: true, scaleMax: 5, minLabel: t('Very hard', 'Heel moeilijk'), maxLabel: t('Very easy', 'Heel makkelijk') },
		...(skills.length ? [{ id: 'skills', type: 'competence' as const, text: t('How strong are you in these?', 'Hoe sterk ben je hierin?'), required: false, scaleMax: 5, skills }] : []),
		{ id: 'missing', type: 'text', text: t('What is missing for you in the city?', 'Wat mis je in de stad?'), required: false }
	];
	return { kind: 'needs' as const, organisationId: null, anonymous: true, title: t('What do you need to learn?', 'Wat heb jij nodig om te leren?'), intro: t('Help the city plan its programme.', 'Help de stad haar aanbod te plannen.'), questions };
}

function needsAnswers(random: Random, skills: string[]): SurveyAnswers {
	const learn = random.sample(['digital', 'languages', 'enterprise', 'green', 'wellbeing'], 0.4);
	return {
		now: random.pick(['school', 'school', 'work', 'looking', 'other']),
		learn: learn.length ? learn : ['digital'],
		find: random.int(1, 5),
		...(skills.length && random.next() < 0.7 && { skills: Object.fromEntries(skills.map((skill) => [skill, random.int(1, 5)])) }),
		...(random.next() < 0.25 && { missing: random.pick(['More evening activities.', 'Activities in English.', 'Places to meet other young people.', 'Help with finding an internship.']) })
	};
}

function feedbackSurvey(title: LocalizedText) {
	const name = title.en ?? Object.values(title)[0] ?? '';
	const questions: SurveyQuestion[] = [
		{ id: 'useful', type: 'single', text: t('Was it useful for you?', 'Had je er iets aan?'), required: true, options: options(['yes', 'Yes', 'Ja'], ['partly', 'Partly', 'Een beetje'], ['no', 'No', 'Nee']) },
		{ id: 'rating', type: 'scale', text: t('How would you rate it?', 'Welk cijfer geef je?'), required: true, scaleMax: 5, minLabel: t('Poor', 'Slecht'), maxLabel: t('Excellent', 'Uitstekend') },
		{ id: 'recommend', type: 'single', text: t('Would you recommend it to a friend?', 'Zou je het een vriend aanraden?'), required: true, options: options(['yes', 'Yes', 'Ja'], ['no', 'No', 'Nee']) },
		{ id: 'comment', type: 'text', text: t('Anything else?', 'Nog iets?'), required: false }
	];
	return { kind: 'activity_feedback' as const, anonymous: true, title: t(`Feedback: ${name}`, `Feedback: ${title.nl ?? name}`), intro: t('Thank you for taking part.', 'Bedankt voor je deelname.'), questions };
}

function feedbackAnswers(random: Random): SurveyAnswers {
	const rating = random.pick([3, 4, 4, 5, 5, 2]);
	return {
		useful: rating >= 4 ? 'yes' : rating === 3 ? 'partly' : 'no',
		rating,
		recommend: rating >= 3 ? 'yes' : 'no',
		...(random.next() < 0.2 && { comment: random.pick(['Great trainers.', 'Too short.', 'I made new friends.', 'More practice, please.']) })
	};
}
