import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { activities } from '../activities/schema';
import { playlists } from '../playlists/schema';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { activityEditorContext } from '../activities/editor';
import { findCityBySlug } from '../cities/queries';
import { findOrganisation } from '../organisations/queries';
import { isUuid } from '../http/validation';
import { can } from '../policies/policies';
import { requireSignedIn } from '../pages/guards';
import { loadSurvey, type SurveyRecord } from './queries';
import { ownerScope } from './service';
import type { SurveyAnswers, SurveyQuestion } from './schema';

/** Who a new survey would belong to, from `?organisation=` or `?city=`; 404 or 403 otherwise. */
export async function surveyOwnerFor(
	locals: App.Locals,
	url: URL,
	owner: { organisation?: string | null; city?: string | null }
): Promise<{ cityId: string; organisationId: string | null; name: string; field: Record<string, string> }> {
	const actor = requireSignedIn(locals.actor, url);
	if (owner.organisation) {
		const org = isUuid(owner.organisation) ? await findOrganisation(locals.app.db, owner.organisation) : undefined;
		if (!org) error(404, 'Organisation not found');
		if (!can(actor, 'survey.manage', { cityId: org.cityId, organisationId: org.id })) error(403, 'Members only');
		return { cityId: org.cityId, organisationId: org.id, name: org.name, field: { organisationId: org.id } };
	}
	const city = owner.city ? await findCityBySlug(locals.app.db, owner.city) : undefined;
	if (!city) error(404, 'City not found');
	if (!can(actor, 'survey.manage', { cityId: city.id })) error(403, 'City admins only');
	return { cityId: city.id, organisationId: null, name: city.name, field: { city: city.slug } };
}

/** The city's languages and frameworks, and what a survey of this owner may be attached to. */
export async function surveyEditorContext(app: Pick<AppContext, 'db' | 'frameworks'>, owner: { cityId: string; organisationId: string | null }) {
	const context = await activityEditorContext(app, owner.cityId);
	const mine = <T extends typeof activities | typeof playlists>(table: T) =>
		and(eq(table.cityId, owner.cityId), ne(table.status, 'archived'), owner.organisationId ? eq(table.organisationId, owner.organisationId) : undefined);
	const [activityOptions, playlistOptions] = await Promise.all([
		app.db.select({ id: activities.id, title: activities.title }).from(activities).where(mine(activities)).orderBy(asc(activities.createdAt)).limit(300),
		app.db.select({ id: playlists.id, title: playlists.title }).from(playlists).where(mine(playlists)).orderBy(asc(playlists.createdAt)).limit(300)
	]);
	return { ...context, activities: activityOptions, playlists: playlistOptions };
}

/** A survey for its management pages: 404 when it does not exist (or is hidden), 403 for those who may only look. */
export async function manageableSurvey(locals: App.Locals, url: URL, id: string, action: 'survey.manage' | 'survey.results' = 'survey.manage'): Promise<SurveyRecord> {
	const actor = requireSignedIn(locals.actor, url);
	const survey = isUuid(id) ? await loadSurvey(locals.app.db, id) : undefined;
	if (!survey) error(404, 'Survey not found');
	if (!can(actor, 'survey.results', ownerScope(survey))) error(survey.status === 'open' ? 403 : 404, 'Not yours');
	if (!can(actor, action, ownerScope(survey))) error(403, 'Not yours');
	return survey;
}

/** The organisations and cities whose surveys the person manages, for the surveys overview. */
export async function managedOwners(app: Pick<AppContext, 'db'>, actor: { memberships: ReadonlyMap<string, unknown>; cityAdminOf: ReadonlySet<string> }) {
	const orgIds = [...actor.memberships.keys()];
	const cityIds = [...actor.cityAdminOf];
	const [orgs, cityRows] = await Promise.all([
		orgIds.length ? app.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)).orderBy(asc(organisations.name)) : [],
		cityIds.length ? app.db.select({ id: cities.id, slug: cities.slug, name: cities.name }).from(cities).where(inArray(cities.id, cityIds)).orderBy(asc(cities.name)) : []
	]);
	return { organisations: orgs, cities: cityRows };
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

/** `prefix.<locale>` fields into per-locale text. */
export function perLocale(form: FormData, prefix: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of new Set(form.keys())) if (key.startsWith(`${prefix}.`) && text(form, key)) out[key.slice(prefix.length + 1)] = text(form, key);
	return out;
}

/**
 * The "add a question" form into the API's question shape. Options are written one per line in each
 * language; the n-th line of every language is the same option.
 */
export function questionFormToInput(form: FormData): Record<string, unknown> {
	const type = text(form, 'type');
	const lines = perLocale(form, 'options');
	const split = Object.fromEntries(Object.entries(lines).map(([locale, value]) => [locale, value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)]));
	const count = Math.max(0, ...Object.values(split).map((list) => list.length));
	const options = Array.from({ length: count }, (_, i) => ({ label: Object.fromEntries(Object.entries(split).flatMap(([locale, list]) => (list[i] ? [[locale, list[i]]] : []))) }));
	const scaleMax = text(form, 'scaleMax');
	return {
		type,
		text: perLocale(form, 'text'),
		required: form.has('required'),
		...((type === 'single' || type === 'multiple') && { options }),
		...((type === 'scale' || type === 'competence') && {
			...(scaleMax && { scaleMax: Number.isFinite(Number(scaleMax)) ? Number(scaleMax) : scaleMax }),
			minLabel: perLocale(form, 'minLabel'),
			maxLabel: perLocale(form, 'maxLabel')
		}),
		...(type === 'competence' && { skills: form.getAll('skills').map(String).filter(Boolean) })
	};
}

/** The stored questions back into API input (to add or remove one and send the list whole). */
export const questionsAsInput = (questions: SurveyQuestion[]) => questions.map((question) => ({ ...question }));

/**
 * The answering form into answers. Field names carry the question's place, not its id, and a
 * competence item its place in the question (`q3-1`): framework ids hold dots and colons.
 */
export function answersFromForm(form: FormData, questions: SurveyQuestion[]): SurveyAnswers {
	const answers: SurveyAnswers = {};
	questions.forEach((question, index) => {
		const name = `q${index}`;
		switch (question.type) {
			case 'single':
			case 'text':
				if (text(form, name)) answers[question.id] = text(form, name);
				break;
			case 'multiple':
				answers[question.id] = form.getAll(name).map(String);
				break;
			case 'scale':
				if (text(form, name)) answers[question.id] = Number(text(form, name));
				break;
			case 'competence': {
				const ratings: Record<string, number> = {};
				(question.skills ?? []).forEach((skill, i) => {
					const value = text(form, `${name}-${i}`);
					if (value) ratings[skill] = Number(value);
				});
				answers[question.id] = ratings;
				break;
			}
		}
	});
	return answers;
}
