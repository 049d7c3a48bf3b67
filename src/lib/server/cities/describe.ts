import type { AppContext } from '../app/context';
import { frameworksOfCities } from '../frameworks/city-frameworks';
import { presentCity } from './presenters';
import type { CityRow } from './queries';
import type { CityDto } from './schemas';

/** Cities as the API shows them, with the frameworks each works with. */
export async function describeCities(app: Pick<AppContext, 'db' | 'frameworks'>, rows: CityRow[]): Promise<CityDto[]> {
	const frameworks = await frameworksOfCities(app.db, app.frameworks, rows.map((row) => row.id));
	return rows.map((row) => presentCity(row, frameworks.get(row.id)!));
}

export async function describeCity(app: Pick<AppContext, 'db' | 'frameworks'>, row: CityRow): Promise<CityDto> {
	return (await describeCities(app, [row]))[0]!;
}
