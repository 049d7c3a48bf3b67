/** The whole database schema, one module per feature; drizzle-kit generates migrations from this. */
export * from '../accounts/schema';
export * from '../cities/schema';
export * from '../organisations/schema';
export * from '../platform/schema';
export * from '../frameworks/schema';
export * from '../activities/schema';
export * from '../quality/schema';
export * from '../enrolments/schema';
export * from '../learners/schema';
export * from '../playlists/schema';
export * from '../credentials/schema';
export * from '../imports/schema';
export * from '../wallet/schema';
export * from '../ob3api/schema';
export * from '../profiles/schema';
export * from '../surveys/schema';
export * from '../stats/schema';
