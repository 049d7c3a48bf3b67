/**
 * `npx tsx bench/stats-profile.ts [pglite|postgres] [explain]`: seeds (once) a city of 100,000
 * activities, 50,000 learners and 500,000 enrolments in a kept database (PROFILE_DIR or
 * PROFILE_DATABASE_URL), then times each dashboard statement on its own, three times, checks that the
 * rollups give the same learner and enrolment figures as grouping the enrolments, and reports the
 * CPU time the database spends on a whole dashboard counted both ways (the PGlite process's own CPU
 * time, or the PostgreSQL backend's from /proc): unlike wall time, not inflated when other work
 * shares the machine. With `explain`, prints both learner statements' plans. For finding which
 * statement costs what; not part of `npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db/database';
import { FrameworkCatalog, readFrameworkFiles } from '../src/lib/server/frameworks/catalog';
import { syncFrameworks } from '../src/lib/server/frameworks/loader';
import * as queries from '../src/lib/server/stats/queries';
import * as rollups from '../src/lib/server/stats/rollup-queries';
import { toPeriod } from '../src/lib/server/stats/period';
import { root } from './harness';
import { seedActivitiesTo, seedCity, seedLearning } from './stats-seed';

const engine = process.argv[2] ?? 'pglite';
const explain = process.argv.includes('explain');
const database = await openDatabase({
	databaseUrl: engine === 'postgres' ? (process.env.PROFILE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/col_stats_profile') : undefined,
	dataDir: engine === 'postgres' ? null : (process.env.PROFILE_DIR ?? '/tmp/col-stats-profile'),
	poolSize: 1,
	migrationsFolder: path.join(root, 'drizzle')
});
const db = database.db;
await database.migrate();
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
let city = rows<{ id: string }>(await db.execute(sql`select id from cities where slug = 'breda'`))[0]?.id;
if (!city) {
	const catalog = new FrameworkCatalog(readFrameworkFiles(path.join(root, 'frameworks')));
	const started = performance.now();
	await syncFrameworks(db, catalog.frameworks);
	city = await seedCity(db, 'breda');
	await seedActivitiesTo(db, catalog, city, 10_000);
	await seedLearning(db, catalog, city, 50_000, 10);
	await seedActivitiesTo(db, catalog, city, 100_000);
	console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const scope = { cityId: city };
const period = toPeriod({ from: new Date(Date.now() - 370 * 86_400_000).toISOString().slice(0, 10) });
const statements: Record<string, () => Promise<unknown>> = {
	providerCounts: () => queries.providerCounts(db, city, period),
	learnerFigures: () => queries.learnerFigures(db, scope, period),
	activityMonths: () => queries.activityMonths(db, scope, period),
	skillSupply: () => queries.skillSupply(db, scope, period),
	enrolmentMonths: () => queries.enrolmentMonths(db, scope, period),
	cityLearnerFigures: () => rollups.cityLearnerFigures(db, city, period),
	inclusionEnrolments: () => rollups.inclusionEnrolments(db, city, period),
	cityEnrolmentMonths: () => rollups.cityEnrolmentMonths(db, city, period),
	badgeMonths: () => queries.badgeMonths(db, scope, period),
	playlistFunnels: () => queries.playlistFunnels(db, scope, period, 50)
};
for (const [name, run] of Object.entries(statements)) {
	const times: number[] = [];
	for (let i = 0; i < 3; i++) {
		const started = performance.now();
		await run();
		times.push(Math.round(performance.now() - started));
	}
	console.log(`${name}: ${times.join(', ')} ms`);
}
// The rollups must give the same learner figures as grouping the enrolments.
const summary = (rows: { kind: string; band: string; active: boolean; fresh: boolean; needs: boolean; n: number }[]) =>
	JSON.stringify(
		Object.entries(rows
			.filter((r) => r.kind === 'group')
			.reduce<Record<string, number>>((acc, r) => {
				for (const key of ['all', r.band, r.active ? 'active' : '', r.fresh ? 'new' : '', r.needs ? 'needs' : '']) if (key) acc[key] = (acc[key] ?? 0) + r.n;
				return acc;
			}, {})
		).sort()
	);
const base = summary(await queries.learnerFigures(db, scope, period));
const rolled = summary(await rollups.cityLearnerFigures(db, city, period));
console.log(base === rolled ? `learner figures agree: ${rolled}` : `learner figures DIFFER:\n base ${base}\n rollup ${rolled}`);
const months = (x: { made: { month: string; n: number }[]; completed: { month: string; n: number }[] }) =>
	JSON.stringify([x.made, x.completed].map((list) => [...list].sort((a, b) => a.month.localeCompare(b.month))));
const baseMonths = months(await queries.enrolmentMonths(db, scope, period));
console.log(baseMonths === months(await rollups.cityEnrolmentMonths(db, city, period)) ? 'enrolment months agree' : 'enrolment months DIFFER');
// CPU time of a whole dashboard: every statement, serially, with the learner and enrolment figures
// either grouped from the enrolments (as before the rollups) or read from the rollups.
const backend = engine === 'postgres' ? rows<{ pid: number }>(await db.execute(sql`select pg_backend_pid() as pid`))[0]!.pid : 0;
const cpuMs = () => {
	if (!backend) {
		const used = process.cpuUsage();
		return (used.user + used.system) / 1000;
	}
	const fields = fs.readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};
const common = () => [
	queries.providerCounts(db, city, period),
	queries.activityMonths(db, scope, period),
	queries.skillSupply(db, scope, period),
	queries.badgeMonths(db, scope, period),
	queries.playlistFunnels(db, scope, period, 50)
];
const ways = {
	'grouping the enrolments': () => Promise.all([...common(), queries.learnerFigures(db, scope, period), queries.enrolmentMonths(db, scope, period)]),
	'from the rollups': () =>
		Promise.all([...common(), rollups.cityLearnerFigures(db, city, period), rollups.inclusionEnrolments(db, city, period), rollups.cityEnrolmentMonths(db, city, period)])
};
for (const [name, run] of Object.entries(ways)) {
	const samples: number[] = [];
	for (let i = 0; i < 5; i++) {
		const before = cpuMs();
		await run();
		samples.push(Math.round(cpuMs() - before));
	}
	console.log(`whole dashboard ${name}: CPU ${samples.join(', ')} ms`);
}
if (explain) {
	const dialect = (db as unknown as { dialect: { sqlToQuery: (q: SQL) => { sql: string; params: unknown[] } } }).dialect;
	for (const query of [queries.learnerFigures(db, scope, period), rollups.cityLearnerFigures(db, city, period)]) {
		const { sql: text, params } = dialect.sqlToQuery(query.getSQL());
		const inlined = text.replace(/\$(\d+)/g, (_, n) => `'${String(params[Number(n) - 1]).replace(/'/g, "''")}'`);
		const plan = rows<Record<string, string>>(await db.execute(sql.raw(`explain analyze ${inlined}`)));
		console.log(`\n${plan.map((r) => Object.values(r)[0]).join('\n')}`);
	}
}
await database.close();
