import { pickText } from '../../i18n/locales';
import { activityPath } from './presenters';
import { markdownToText } from './markdown';
import type { ActivitySummaryRecord } from './queries';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom (RFC 4287) feed of activities, newest update first. */
export function atomFeed(
	city: { slug: string; name: string; defaultLocale: string },
	activities: ActivitySummaryRecord[],
	options: { publicUrl: string; locale: string }
): string {
	const self = `${options.publicUrl}/cities/${city.slug}/feed.xml`;
	const sorted = [...activities].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
	const updated = (sorted[0]?.updatedAt ?? new Date(0)).toISOString();
	const entries = sorted.map((activity) => {
		const fallbacks = [city.defaultLocale];
		const title = pickText(activity.title, options.locale, fallbacks);
		const summary = pickText(activity.description, options.locale, fallbacks);
		const url = `${options.publicUrl}${activityPath(activity.id)}`;
		return [
			'  <entry>',
			`    <id>urn:uuid:${activity.id}</id>`,
			`    <title${title ? ` xml:lang="${title.locale}"` : ''}>${xml(title?.text ?? '')}</title>`,
			`    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
			`    <updated>${activity.updatedAt.toISOString()}</updated>`,
			...(activity.publishedAt ? [`    <published>${activity.publishedAt.toISOString()}</published>`] : []),
			`    <author><name>${xml(activity.organisation.name)}</name></author>`,
			`    <summary${summary ? ` xml:lang="${summary.locale}"` : ''}>${xml(markdownToText(summary?.text ?? '', 500))}</summary>`,
			'  </entry>'
		].join('\n');
	});
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(options.locale)}">`,
		`  <id>${xml(self)}</id>`,
		`  <title>${xml(city.name)} · Cities of Learning</title>`,
		`  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
		`  <link rel="alternate" type="text/html" href="${xml(`${options.publicUrl}/cities/${city.slug}`)}"/>`,
		`  <updated>${updated}</updated>`,
		...entries,
		'</feed>',
		''
	].join('\n');
}
