/**
 * The one test clock: it starts at a fixed instant and moves only when a test
 * says so. The app's deps and the CRM emulator read the same clock, so a test
 * moves time for both with one `advance` (Zoho keeps whole seconds: a change a
 * test needs in a later second is one `advance(1000)` away, not a sleep).
 */
export const TEST_START = new Date('2026-11-20T01:00:00.000Z');

export class TestClock {
  constructor(public current = new Date(TEST_START)) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
