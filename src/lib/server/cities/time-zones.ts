/** Every IANA time zone this Node.js knows, for the city form's suggestions. */
export const TIME_ZONES: string[] = Intl.supportedValuesOf('timeZone');
