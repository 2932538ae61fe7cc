export { createEmulator, type EmulatorDeps } from './app';
export { seedEmulator, seedAccounts, seedDemo, type SeedKind } from './seed';
export { ADMIN_EMAIL } from './store';
export { emulatorDeliveries } from './notifications';
export { serveEmulator, type ServeEmulatorOptions, type ServedEmulator } from './serve';
