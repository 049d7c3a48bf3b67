import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { findSurveys, countResponses } from '$lib/server/surveys/queries';
import { surveysToAnswer } from '$lib/server/surveys/service';
import { managedOwners } from '$lib/server/surveys/pages';
import { surveyListItem } from '$lib/server/surveys/page-data';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const owners = await managedOwners(locals.app, actor);
	const [toAnswer, orgSurveys, citySurveys] = await Promise.all([
		surveysToAnswer(locals.app, actor),
		Promise.all(owners.organisations.map((org) => findSurveys(locals.app.db, { organisationId: org.id }))),
		Promise.all(owners.cities.map((city) => findSurveys(locals.app.db, { cityId: city.id, organisationId: null })))
	]);
	const counts = await countResponses(locals.app.db, [...orgSurveys.flat(), ...citySurveys.flat()].map((survey) => survey.id));
	const listed = (found: Awaited<ReturnType<typeof findSurveys>>) => found.map((survey) => ({ ...surveyListItem(survey, locals.locale), responses: counts.get(survey.id) ?? 0 }));
	return {
		toAnswer: toAnswer.map((survey) => surveyListItem(survey, locals.locale)),
		groups: [
			...owners.organisations.map((org, i) => ({ key: org.id, name: org.name, newUrl: `/surveys/new?organisation=${org.id}`, surveys: listed(orgSurveys[i]!) })),
			...owners.cities.map((city, i) => ({ key: city.id, name: city.name, newUrl: `/surveys/new?city=${city.slug}`, surveys: listed(citySurveys[i]!) }))
		]
	};
};
