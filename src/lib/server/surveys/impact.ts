import { and, desc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/policies';
import { notFound } from '../http/errors';
import { loadPlaylist } from '../playlists/queries';
import { playlistFollowers } from '../playlists/schema';
import { credentials } from '../credentials/schema';
import { surveys, type SurveyAnswers, type SurveyKind } from './schema';
import { listResponses, loadSurvey, type SurveyRecord } from './queries';
import { mean, round2, summarise } from './results';
import { skillTitleIn } from './reporting';
import type { PlaylistImpactDto } from './schemas';

type Deps = Pick<AppContext, 'db' | 'frameworks'>;
type Response = { userId: string | null; answers: SurveyAnswers };

const DAY_MS = 86_400_000;

export function median(values: number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A response's rating of a skill: the first competence question that rates it. */
function ratingOf(survey: SurveyRecord, response: Response, skillId: string): number | undefined {
	for (const question of survey.questions) {
		if (question.type !== 'competence' || !question.skills?.includes(skillId)) continue;
		const value = response.answers[question.id];
		if (value && typeof value === 'object' && !Array.isArray(value) && typeof value[skillId] === 'number') return value[skillId];
	}
	return undefined;
}

const skillsOf = (survey: SurveyRecord) => survey.questions.flatMap((question) => (question.type === 'competence' ? (question.skills ?? []) : []));

/**
 * The change per competence between the pre and post self-assessments (pure). When both are linked,
 * each learner who answered both is compared with themself (paired); otherwise the two groups' means
 * are compared, which is weaker (different people may have answered), and the result says so.
 */
export function competenceChanges(pre: { survey: SurveyRecord; responses: Response[] }, post: { survey: SurveyRecord; responses: Response[] }, skillTitle: (id: string) => string): PlaylistImpactDto['competences'] {
	const postSkills = new Set(skillsOf(post.survey));
	const skills = [...new Set(skillsOf(pre.survey))].filter((skill) => postSkills.has(skill));
	const paired = !pre.survey.anonymous && !post.survey.anonymous;
	return skills.map((skillId) => {
		const title = skillTitle(skillId);
		if (paired) {
			const before = new Map<string, number>();
			for (const response of pre.responses) {
				const rating = ratingOf(pre.survey, response, skillId);
				if (response.userId && rating !== undefined) before.set(response.userId, rating);
			}
			const pairs: [number, number][] = [];
			for (const response of post.responses) {
				const rating = ratingOf(post.survey, response, skillId);
				const earlier = response.userId ? before.get(response.userId) : undefined;
				if (rating !== undefined && earlier !== undefined) pairs.push([earlier, rating]);
			}
			return {
				skillId,
				title,
				method: 'paired' as const,
				pre: { answered: pairs.length, mean: mean(pairs.map(([a]) => a)) },
				post: { answered: pairs.length, mean: mean(pairs.map(([, b]) => b)) },
				change: mean(pairs.map(([a, b]) => b - a))
			};
		}
		const values = (side: typeof pre) => side.responses.map((response) => ratingOf(side.survey, response, skillId)).filter((n): n is number => n !== undefined);
		const before = values(pre);
		const after = values(post);
		const [preMean, postMean] = [mean(before), mean(after)];
		return { skillId, title, method: 'groups' as const, pre: { answered: before.length, mean: preMean }, post: { answered: after.length, mean: postMean }, change: preMean !== null && postMean !== null ? round2(postMean - preMean) : null };
	});
}

/** The newest survey of a kind on the playlist that has been opened (drafts have no answers). */
async function latestSurvey(app: Deps, playlistId: string, kind: SurveyKind) {
	const [row] = await app.db
		.select({ id: surveys.id })
		.from(surveys)
		.where(and(eq(surveys.playlistId, playlistId), eq(surveys.kind, kind), ne(surveys.status, 'draft')))
		.orderBy(desc(surveys.openedAt))
		.limit(1);
	const survey = row ? await loadSurvey(app.db, row.id) : undefined;
	return survey ? { survey, responses: await listResponses(app.db, survey.id) } : undefined;
}

/**
 * A pathway's impact for its organisation and the city's admins: completion (followers who hold the
 * playlist badge), the median time from following to the badge, the self-assessed change per
 * competence, and what learners report happened next.
 */
export async function playlistImpact(app: Deps, actor: Actor, playlistId: string): Promise<PlaylistImpactDto> {
	const playlist = await loadPlaylist(app.db, playlistId);
	if (!playlist) throw notFound('Playlist');
	authorize(actor, 'playlist.impact', { cityId: playlist.cityId, organisationId: playlist.organisationId });
	const [followers, badges, pre, post, followUp] = await Promise.all([
		app.db.select({ userId: playlistFollowers.userId, followedAt: playlistFollowers.followedAt }).from(playlistFollowers).where(eq(playlistFollowers.playlistId, playlistId)),
		app.db
			.select({ userId: credentials.userId, issuedAt: credentials.issuedAt })
			.from(credentials)
			.where(and(eq(credentials.playlistId, playlistId), isNotNull(credentials.userId), isNull(credentials.revokedAt))),
		latestSurvey(app, playlistId, 'playlist_pre'),
		latestSurvey(app, playlistId, 'playlist_post'),
		latestSurvey(app, playlistId, 'follow_up')
	]);
	const issued = new Map(badges.map((badge) => [badge.userId!, badge.issuedAt]));
	// A badge earned from awards made before following counts as done on the day of following.
	const durations = followers.flatMap((follower) => {
		const at = issued.get(follower.userId);
		return at ? [Math.max(0, at.getTime() - follower.followedAt.getTime()) / DAY_MS] : [];
	});
	const days = median(durations);
	const skillTitle = skillTitleIn(app);
	return {
		playlist: { id: playlist.id, title: playlist.title, organisation: { id: playlist.organisation.id, name: playlist.organisation.name } },
		followers: followers.length,
		completed: durations.length,
		completionRate: followers.length ? Math.round((durations.length / followers.length) * 10_000) / 10_000 : null,
		medianDaysToComplete: days === null ? null : Math.round(days * 10) / 10,
		preSurveyId: pre?.survey.id ?? null,
		postSurveyId: post?.survey.id ?? null,
		competences: pre && post ? competenceChanges(pre, post, skillTitle) : [],
		followUp: followUp ? { surveyId: followUp.survey.id, responses: followUp.responses.length, questions: summarise(followUp.survey.questions, followUp.responses, skillTitle) } : null
	};
}
