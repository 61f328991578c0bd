// The contract: the only code shared by the API and the SPA.
export * from './common/errors.ts';
export * from './common/schemas.ts';
export * from './auth/roles.ts';
export * from './auth/payloads.ts';
export * from './users/entities.ts';
export * from './users/payloads.ts';
export * from './api-keys/entities.ts';
export * from './api-keys/payloads.ts';
export * from './audit/entities.ts';
export * from './settings/entities.ts';
export * from './health/entities.ts';
export * from './clients/entities.ts';
export * from './clients/payloads.ts';
export * from './catalogue/entities.ts';
export * from './catalogue/payloads.ts';
