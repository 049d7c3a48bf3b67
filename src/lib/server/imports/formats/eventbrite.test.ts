import { describe, expect, it } from 'vitest';
import { parseEventbrite } from './eventbrite';
import { options, sample } from './test-support';

const page = {
	pagination: { object_count: 3, page_number: 1, page_size: 50, page_count: 1, has_more_items: false },
	events: [
		{
			id: '1',
			name: { text: 'Coding Dojo', html: 'Coding Dojo' },
			description: { text: 'Learn to code', html: '<p>Learn to <strong>code</strong></p>' },
			url: 'https://www.eventbrite.nl/e/coding-dojo-1',
			start: { timezone: 'Europe/Amsterdam', local: '2030-05-01T14:00:00', utc: '2030-05-01T12:00:00Z' },
			end: { timezone: 'Europe/Amsterdam', local: '2030-05-01T16:00:00' },
			online_event: false,
			is_free: false,
			currency: 'EUR',
			capacity: 25,
			status: 'live',
			locale: 'nl_NL',
			venue: { name: 'De Bibliotheek', latitude: '51.589', longitude: '4.776', address: { address_1: 'Kloosterplein 5', city: 'Breda', postal_code: '4811 GN', country: 'NL' } },
			organizer: { name: 'CoderDojo Breda' },
			ticket_classes: [{ free: false, cost: { major_value: '5.00', currency: 'EUR' } }],
			logo: { url: 'https://img.evbuc.com/logo.png' },
			format: { name: 'Workshop' }
		},
		{ id: '2', name: { text: 'Called off' }, start: { utc: '2030-05-02T12:00:00Z' }, status: 'canceled' },
		{ id: '3', name: { text: '' }, start: { utc: '2030-05-03T12:00:00Z' }, status: 'live' }
	]
};

describe('Eventbrite', () => {
	it('reads events with expanded venue, organiser and tickets; skips cancelled ones', () => {
		const result = parseEventbrite(JSON.stringify(page), options());
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({
			sourceId: '1',
			title: { nl: 'Coding Dojo' },
			description: { nl: 'Learn to **code**' },
			languages: ['nl'],
			startsAt: '2030-05-01T12:00:00Z',
			// Only the local end time: read in its own zone.
			endsAt: '2030-05-01T14:00:00Z',
			mode: 'in_person',
			location: { address: 'De Bibliotheek, Kloosterplein 5, 4811 GN Breda, NL', lat: 51.589, lon: 4.776 },
			organiser: 'CoderDojo Breda',
			capacity: 25,
			price: { amount: 5, currency: 'EUR' },
			imageUrl: 'https://img.evbuc.com/logo.png',
			type: 'workshop'
		});
		expect(result.warnings).toEqual([{ record: 'events[1] (2)', message: 'skipped: the event is cancelled' }]);
		expect(result.errors).toEqual([{ record: 'events[2] (3)', message: 'it has no title' }]);
	});

	it('reports files it cannot read', () => {
		expect(parseEventbrite('<html>', options()).errors).toEqual([{ record: 'file', message: 'not valid JSON' }]);
		expect(parseEventbrite('{"pagination":{}}', options()).errors).toEqual([{ record: 'file', message: 'not an Eventbrite events page: there is no "events" list' }]);
	});

	it('reads the ARDC events page', () => {
		const result = parseEventbrite(sample('eventbrite-api/eventbrite-events-ardc.json').toString('utf8'), options({ defaultLocale: 'en' }));
		expect(result.errors).toEqual([]);
		// 18 events, two of them drafts.
		expect(result.records).toHaveLength(16);
		expect(result.warnings?.filter((w) => w.message === 'skipped: the event is a draft')).toHaveLength(2);
		expect(result.records[0]).toMatchObject({
			sourceId: '291075754417',
			title: { en: 'Getting Started with Nectar Research Cloud Training' },
			description: { en: 'Learn the basics of using the Nectar Cloud for your research.' },
			languages: ['en'],
			startsAt: '2022-04-05T04:00:00Z',
			endsAt: '2022-04-05T06:00:00Z',
			mode: 'online',
			url: 'https://www.eventbrite.com.au/e/getting-started-with-nectar-research-cloud-training-tickets-291075754417',
			capacity: 10,
			free: true
		});
		const sensitive = result.records.find((r) => r.sourceId === '298980718377');
		expect(sensitive).toMatchObject({ title: { en: 'Sharing Sensitive and Identifiable Human Data' }, mode: 'in_person', startsAt: '2022-05-03T03:30:00Z' });
	});
});
