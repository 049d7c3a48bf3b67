/**
 * Import figures of issue 6: 10,000 rows of our CSV template and a 1,000-event iCalendar feed, each
 * imported through POST /api/v1/imports (parsed, planned, written as drafts), timed from the request
 * to the answer, with the server's peak memory growth (RSS sampled every 20 ms) during each; then
 * the same CSV again, which must create nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiClient, type ApiClient } from '../tests/support/api';
import { startPlatform, type RunningServer, type Row } from './harness';

const ADMIN = { ADMIN_EMAIL: 'bench@example.org', ADMIN_PASSWORD: 'bench password' };
const CSV_ROWS = 10_000;
const ICAL_EVENTS = 1_000;

async function must(response: Promise<{ status: number; body: unknown }>, expected: number) {
	const res = await response;
	if (res.status !== expected) throw new Error(`import bench: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	return res.body as Record<string, unknown> & { id: string; token: string };
}

async function seed(url: string): Promise<{ owner: ApiClient; organisationId: string }> {
	const anonymous = apiClient(url);
	const admin = anonymous.as((await must(anonymous.post('/api/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }), 200)).token);
	await must(admin.post('/api/v1/cities', { slug: 'breda', name: 'Breda', locales: ['nl', 'en'], defaultLocale: 'nl', timezone: 'Europe/Amsterdam', center: { lat: 51.589, lon: 4.776 } }), 201);
	const owner = anonymous.as((await must(anonymous.post('/api/v1/auth/register', { email: 'owner@example.org', password: 'a good password', name: 'Owner' }), 201)).token);
	const organisation = await must(owner.post('/api/v1/organisations', { city: 'breda', name: 'Importers', type: 'youth_organisation', email: 'hello@example.org' }), 201);
	await must(admin.post(`/api/v1/organisations/${organisation.id}/approve`), 200);
	return { owner, organisationId: organisation.id };
}

const WORDS = ['podcast', 'repair', 'coding', 'theatre', 'debate', 'garden', 'photography', 'cooking', 'robotics', 'music', 'writing', 'climate'];
const word = (i: number) => WORDS[i % WORDS.length]!;

function csvFile(rows: number): string {
	const lines = ['id,title,title_en,description,description_en,type,mode,start,end,timezone,address,lat,lon,url,languages,age_min,age_max,price,currency,capacity,skills,keywords,organiser'];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + (i % 12)).padStart(2, '0');
		const online = i % 3 === 0;
		lines.push(
			[
				`bench-${i}`,
				`Workshop ${word(i)} ${i}`,
				`Workshop ${word(i)} ${i} (en)`,
				`"Samen ${word(i)} leren, sessie ${i}. Neem je laptop mee, ""gratis""."`,
				`"Learn ${word(i)} together, session ${i}."`,
				'workshop',
				online ? 'online' : 'in_person',
				`2031-${month}-${day} 14:00`,
				`2031-${month}-${day} 16:30`,
				'Europe/Amsterdam',
				online ? '' : `"Stationsplein ${1 + (i % 90)}, Breda"`,
				online ? '' : (51.58 + (i % 100) / 10_000).toFixed(5),
				online ? '' : (4.77 + (i % 100) / 10_000).toFixed(5),
				`https://example.org/events/${i}`,
				'nl;en',
				'14',
				'25',
				i % 4 === 0 ? '5.50' : '',
				i % 4 === 0 ? 'EUR' : '',
				'20',
				i % 2 ? 'digcomp:3.1' : 'lifecomp:P2',
				`${word(i)};${word(i + 3)}`,
				'Importers'
			].join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

function icalFeed(events: number): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bench//Imports//EN', 'X-WR-TIMEZONE:Europe/Amsterdam'];
	for (let i = 0; i < events; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + (i % 12)).padStart(2, '0');
		lines.push(
			'BEGIN:VEVENT',
			`UID:bench-${i}@example.org`,
			'DTSTAMP:20300101T000000Z',
			`SUMMARY:${word(i)} evening ${i}`,
			`DESCRIPTION:An evening of ${word(i)}\\, for everyone.\\nBring a friend.`,
			`DTSTART;TZID=Europe/Amsterdam:2031${month}${day}T190000`,
			`DTEND;TZID=Europe/Amsterdam:2031${month}${day}T213000`,
			i % 2 ? 'LOCATION:Online' : `LOCATION:Library ${i % 7}\\, Breda`,
			`URL:https://example.org/evenings/${i}`,
			`CATEGORIES:${word(i)},${word(i + 5)}`,
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.join('\r\n') + '\r\n';
}

/** Times one import and samples the server's RSS meanwhile; returns seconds and the peak growth in MB. */
async function timedImport(server: RunningServer, owner: ApiClient, body: Record<string, unknown>) {
	const before = server.rssMb();
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 20);
	const started = performance.now();
	try {
		const result = await must(owner.post('/api/v1/imports', body), 200);
		return { seconds: (performance.now() - started) / 1000, growthMb: Math.max(0, peak - before), result };
	} finally {
		clearInterval(sampler);
	}
}

export async function run(options: { databaseUrl: string | undefined }): Promise<Row[]> {
	const rows: Row[] = [];
	const engines: [string, Record<string, string>][] = [['PGlite', {}]];
	if (options.databaseUrl) engines.push(['PostgreSQL', { DATABASE_URL: options.databaseUrl }]);
	const csv = csvFile(CSV_ROWS);
	const ical = icalFeed(ICAL_EVENTS);
	for (const [engine, env] of engines) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-bench-imports-'));
		const server = await startPlatform({ DATA_DIR: dataDir, ...ADMIN, ...env });
		try {
			const { owner, organisationId } = await seed(server.url);
			const feature = `imports (${engine})`;
			const fromCsv = await timedImport(server, owner, { organisationId, format: 'csv', content: csv, filename: 'bench.csv' });
			if (fromCsv.result.created !== CSV_ROWS) throw new Error(`the CSV import created ${String(fromCsv.result.created)} of ${CSV_ROWS}`);
			const fromIcal = await timedImport(server, owner, { organisationId, format: 'ical', content: ical, filename: 'bench.ics' });
			if (fromIcal.result.created !== ICAL_EVENTS) throw new Error(`the iCal import created ${String(fromIcal.result.created)} of ${ICAL_EVENTS}`);
			const again = await timedImport(server, owner, { organisationId, format: 'csv', content: csv, filename: 'bench.csv' });
			if (again.result.created !== 0) throw new Error('importing the same CSV again created activities');
			rows.push(
				{ feature, metric: `CSV, ${CSV_ROWS.toLocaleString('en')} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB) imported`, value: fromCsv.seconds, unit: 's', target: '< 20 s', ok: fromCsv.seconds < 20 },
				{ feature, metric: 'CSV import: peak server RSS growth', value: fromCsv.growthMb, unit: 'MB', target: '< 200 MB', ok: fromCsv.growthMb < 200 },
				{ feature, metric: `iCalendar, ${ICAL_EVENTS.toLocaleString('en')} events imported`, value: fromIcal.seconds, unit: 's', target: '< 10 s', ok: fromIcal.seconds < 10 },
				{ feature, metric: 'iCalendar import: peak server RSS growth', value: fromIcal.growthMb, unit: 'MB', target: '< 200 MB', ok: fromIcal.growthMb < 200 },
				{ feature, metric: 'the same CSV again (all unchanged, nothing created)', value: again.seconds, unit: 's' }
			);
		} finally {
			await server.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}
	return rows;
}
