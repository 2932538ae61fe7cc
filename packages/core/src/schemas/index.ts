export * from './common';
export * from './customer';
export * from './documents';
export * from './item';
export * from './organization';
export * from './payment';
export * from './deal';
export * from './text';
