export * from './allocate';
export * from './currencies';
export * from './decimal';
export * from './format';
export * from './bounds';
