import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from './zones';

describe('time zones', () => {
	it('converts wall-clock times in a city to instants, across daylight saving', () => {
		expect(zonedToInstant('2030-03-14T14:00', 'Europe/Amsterdam')?.toISOString()).toBe('2030-03-14T13:00:00.000Z');
		expect(zonedToInstant('2030-07-14T14:00', 'Europe/Amsterdam')?.toISOString()).toBe('2030-07-14T12:00:00.000Z');
		expect(zonedToInstant('2030-07-14T14:00', 'Europe/Athens')?.toISOString()).toBe('2030-07-14T11:00:00.000Z');
		expect(zonedToInstant('14/03/2030', 'Europe/Amsterdam')).toBeUndefined();
	});

	it('shows instants on the city’s clock', () => {
		expect(instantToZoned('2030-03-14T13:00:00Z', 'Europe/Amsterdam')).toBe('2030-03-14T14:00');
		expect(instantToZoned('2030-10-27T00:30:00Z', 'Europe/Vilnius')).toBe('2030-10-27T03:30');
		expect(instantToZoned(null, 'UTC')).toBe('');
	});
});
