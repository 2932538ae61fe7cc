import type { SessionMessageKey } from './session.en';

/** Japanese for `session.en.ts`; typed so a missing key is a compile error. */
export const sessionJa: Record<SessionMessageKey, string> = {
  'session.ended': 'セッションが終了しました。もう一度ログインしてください。',
  'session.unsent.one': '前回のセッションの未送信の変更 1 件を送信できませんでした。',
  'session.unsent.many': '前回のセッションの未送信の変更 {count} 件を送信できませんでした。',
  'session.unsent.explain':
    'セッションが終了したため、この端末から組織のデータを削除しました。変更を残すにはダウンロードし、不要なら破棄してください。',
  'session.unsent.download': 'ダウンロード (JSON)',
  'session.unsent.discard': '破棄',
  'session.offlineExpired':
    'サーバーが最後にセッションを確認してから 7 日以上オフラインです。オンラインにしてログインすると、データを開けます。',
};
