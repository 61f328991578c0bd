// Schema entry for drizzle-kit and the db client (one file per table group).
export * from './users.ts';
export * from './api-keys.ts';
export * from './audit.ts';
export * from './settings.ts';
export * from './clients.ts';
export * from './catalogue.ts';
export * from './quick-links.ts';
export * from './orders.ts';
export * from './notifications.ts';
export * from './reports.ts';
