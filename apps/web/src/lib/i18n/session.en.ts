/**
 * Messages about the end of a session on this device: the login page's offer
 * of the unsent edits saved when the session ended, and the offline bound.
 * Spread into `en`; `session.ja.ts` must have every key.
 */
export const sessionEn = {
  'session.ended': 'Your session has ended — log in again.',
  'session.unsent.one': '1 unsent change from your previous session could not be sent.',
  'session.unsent.many': '{count} unsent changes from your previous session could not be sent.',
  'session.unsent.explain':
    'The session ended, so this device removed the organization’s data. Download your changes to keep them, or discard them.',
  'session.unsent.download': 'Download (JSON)',
  'session.unsent.discard': 'Discard',
  'session.offlineExpired':
    'This device has been offline for more than 7 days since the server last confirmed your session. Go online and log in to open your data.',
};

export type SessionMessageKey = keyof typeof sessionEn;
