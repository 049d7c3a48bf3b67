import type { Actions, PageServerLoad } from './$types';
import { activityForPage } from '$lib/server/pages/activity-pages';
import { renderMarkdown } from '$lib/server/activities/markdown';
import { activityJsonLd, scriptSafeJson } from '$lib/server/activities/jsonld';
import { badgeImageVersion, imageUrl } from '$lib/server/activities/presenters';
import { joinActivity, leaveActivity, myEnrolment } from '$lib/server/enrolments/service';
import { notifyPromotion } from '$lib/server/enrolments/notify';
import { presentSkillsForPage } from '$lib/server/frameworks/service';
import { failureFor } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';
import { endorseBadge, endorsingOrganisations, listBadgeEndorsements } from '$lib/server/credentials/endorsements';
import { EndorseInput } from '$lib/server/credentials/endorsement-schemas';
import { reviewerRole } from '$lib/server/credentials/evidence';
import { handleForm } from '$lib/server/forms/forms';
import { uuidParam } from '$lib/server/http/endpoint';
import { guardianStepFor } from '$lib/server/learners/guardian';
import { shareWithVisitors } from '$lib/server/http/public-cache';
import { machineLocales } from '$lib/server/translation/state';


/** Seconds an anonymous visitor's rendering of an activity page is reused by the server (see server.js). */
const SHARED_SECONDS = 10;

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const activity = await activityForPage(locals, locals.actor, params.id);
	shareWithVisitors(event, SHARED_SECONDS);
	const locale = locals.locale;
	const fallbacks = [activity.city.defaultLocale];
	const description = pickText(activity.description, locale, fallbacks);
	const scope = { cityId: activity.cityId, organisationId: activity.organisationId };
	const enrolment = await myEnrolment(locals.app, locals.actor, activity.id);
	const catalog = locals.app.frameworks;
	const endorsed = activity.badge ? await listBadgeEndorsements(locals.app, activity.id) : [];
	// Told before they try: what a city's guardian rule asks of this learner, if anything.
	const guardianStep = locals.actor.kind === 'user' && !enrolment ? await guardianStepFor(locals.app.db, activity.cityId, locals.actor.user.id, locals.app.now()) : null;
	return {
		activity: {
			id: activity.id,
			status: activity.status,
			title: pickText(activity.title, locale, fallbacks),
			descriptionHtml: description ? renderMarkdown(description.text) : '',
			descriptionLocale: description?.locale,
			type: activity.type,
			mode: activity.mode,
			startsAt: activity.startsAt?.toISOString() ?? null,
			endsAt: activity.endsAt?.toISOString() ?? null,
			alwaysOpen: activity.alwaysOpen,
			sessions: activity.sessions.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), note: s.note })),
			address: activity.locationAddress,
			lat: activity.lat,
			lon: activity.lon,
			onlineUrl: activity.onlineUrl,
			languages: activity.languages,
			ageMin: activity.ageMin,
			ageMax: activity.ageMax,
			price: activity.priceAmount === null ? null : { amount: Number(activity.priceAmount), currency: activity.priceCurrency ?? 'EUR' },
			capacity: activity.capacity,
			waitlist: activity.waitlist,
			places: activity.places,
			international: activity.international,
			targetGroups: activity.targetGroups,
			accessibility: activity.accessibility,
			contact: activity.contact,
			image: activity.imageKey ? { url: imageUrl('', activity.imageKey), alt: pickText(activity.imageAlt, locale, fallbacks) } : null,
			badge: activity.badge
				? {
						name: pickText(activity.badge.name, locale, fallbacks),
						criteria: pickText(activity.badge.criteria, locale, fallbacks),
						image: `/activities/${activity.id}/badge.svg?v=${badgeImageVersion(activity.badge)}`,
						imageAlt: pickText(activity.badge.imageAlt, locale, fallbacks)
					}
				: null,
			qualityLabel: activity.qualityLabel,
			organisation: activity.organisation,
			city: activity.city,
			source: activity.sourceFormat ? { format: activity.sourceFormat, url: activity.sourceUrl } : null,
			skills: presentSkillsForPage(catalog, activity.skills),
			machineTranslated: machineLocales(activity)
		},
		guardianStep,
		enrolment: enrolment ? { status: enrolment.status, waitlistPosition: enrolment.waitlistPosition } : null,
		endorsements: endorsed.map((row) => ({ id: row.endorsement.id, endorser: row.endorser, comment: row.endorsement.comment, url: `/endorsements/${row.endorsement.id}` })),
		peerReviewer: activity.badge?.assessment === 'peer' && (await reviewerRole(locals.app, locals.actor, { activityId: activity.id, cityId: activity.cityId, organisationId: activity.organisationId })) === 'peer',
		endorseAs: activity.badge && activity.status === 'published' ? await endorsingOrganisations(locals.app, locals.actor, activity, endorsed) : [],
		canManage: can(locals.actor, 'activity.manage', scope),
		jsonLd: activity.status === 'published' ? scriptSafeJson(activityJsonLd(activity, { publicUrl: locals.app.config.publicUrl, locale, catalog })) : null
	};
};

export const actions: Actions = {
	join: async ({ locals, params, url }) => {
		requireSignedIn(locals.actor, url);
		try {
			const { enrolment } = await joinActivity(locals.app, locals.actor, params.id);
			return { joined: enrolment.status };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause);
			throw cause;
		}
	},
	/** Owners and admins of another organisation vouch for this badge. */
	endorse: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, EndorseInput, {}, async (input) => {
			await endorseBadge(locals.app, actor, uuidParam(params.id, 'Activity'), input);
			return { endorsed: true as const };
		});
	},
	leave: async ({ locals, params, url }) => {
		requireSignedIn(locals.actor, url);
		try {
			const { promotedUserId } = await leaveActivity(locals.app, locals.actor, params.id);
			if (promotedUserId) await notifyPromotion(locals.app, promotedUserId, params.id);
			return { left: true as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause);
			throw cause;
		}
	}
};

