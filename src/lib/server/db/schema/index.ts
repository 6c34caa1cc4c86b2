/** The database schema, one file per area; drizzle-kit reads this index. */
export * from './places';
export * from './roll';
export * from './auth';
export * from './audit';
export * from './registration';
export * from './publication';
export * from './assemblies';
export * from './ledger';
export * from './log';
export * from './paper';
export * from './minutes';
export * from './proxy';
export * from './meeting';
export * from './announcement';
