// Reports, dashboard and exports: one entry for the contract's index.
export * from './payloads.ts';
export * from './entities.ts';
export * from './exports.ts';
