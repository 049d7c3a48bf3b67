import type { AppContext } from '../app/context';
import { frameworksOfCities } from '../frameworks/city-frameworks';
import { cityOffices } from '../organisations/city-office';
import { presentCity } from './presenters';
import type { CityRow } from './queries';
import type { CityDto } from './schemas';

/** Cities as the API shows them, with the frameworks each works with and its office's id. */
export async function describeCities(app: Pick<AppContext, 'db' | 'frameworks'>, rows: CityRow[]): Promise<CityDto[]> {
	const ids = rows.map((row) => row.id);
	const [frameworks, offices] = await Promise.all([frameworksOfCities(app.db, app.frameworks, ids), cityOffices(app.db, ids)]);
	return rows.map((row) => presentCity(row, frameworks.get(row.id)!, offices.get(row.id) ?? null));
}

export async function describeCity(app: Pick<AppContext, 'db' | 'frameworks'>, row: CityRow): Promise<CityDto> {
	return (await describeCities(app, [row]))[0]!;
}
