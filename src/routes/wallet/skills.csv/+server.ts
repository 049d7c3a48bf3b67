import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { mySkillProfile } from '$lib/server/wallet/service';
import { skillProfileCsv } from '$lib/server/wallet/skill-profile';
import { EXCEL_UTF8_BOM } from '$lib/server/shared/csv';
import { m } from '$lib/paraglide/messages';

/** The skill profile's data table as CSV, with headings in the reader's language. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const profile = await mySkillProfile(locals.app, actor);
	const csv = skillProfileCsv(profile, [m.skills_col_framework(), m.skills_col_area(), m.skills_col_code(), m.skills_col_competence(), m.skills_col_count()]);
	return new Response(EXCEL_UTF8_BOM + csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="skill-profile.csv"', 'cache-control': 'private, no-store' }
	});
};
