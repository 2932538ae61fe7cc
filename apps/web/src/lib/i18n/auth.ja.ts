import type { authEn } from './auth.en';

/** アカウントのメッセージ（パスワード再設定・変更、招待の受諾、設定 → チーム）。 */
export const authJa: Record<keyof typeof authEn, string> = {
  'login.forgot': 'パスワードをお忘れですか？',

  'forgot.title': 'パスワードの再設定',
  'forgot.heading': 'パスワードの再設定',
  'forgot.intro':
    'ログインに使うメールアドレスを入力してください。新しいパスワードを設定するリンクをお送りします。',
  'forgot.submit': '再設定リンクを送信',
  'forgot.submitting': '送信中…',
  'forgot.sent':
    '{email} のアカウントがあれば、パスワード再設定のリンクを送信しました。リンクは1時間、1回だけ有効です。',
  'forgot.noMail':
    'メールが届かない場合、このサーバーがメール送信に対応していない可能性があります。組織のオーナーまたは管理者に再設定リンクを依頼してください。',
  'forgot.back': 'ログインに戻る',

  'reset.title': '新しいパスワードの設定',
  'reset.heading': '新しいパスワードの設定',
  'reset.intro': 'アカウントにログイン中のすべての端末はログアウトされ、この端末でログインします。',
  'reset.newPassword': '新しいパスワード',
  'reset.submit': '設定してログイン',
  'reset.submitting': '保存中…',
  'reset.missing':
    'このページには再設定リンク全体が必要です。メール（または管理者）から届いたリンクをもう一度開いてください。',

  'accept.title': 'チームに参加',
  'accept.heading': 'チームに参加',
  'accept.intro': 'パスワードを設定してアカウントの作成を完了してください。',
  'accept.name': 'お名前',
  'accept.nameHint': '任意。チームに表示されます。',
  'accept.submit': '参加する',
  'accept.submitting': '参加中…',
  'accept.missing':
    'このページには招待リンク全体が必要です。届いたリンクをもう一度開くか、新しい招待を依頼してください。',

  'account.title': 'あなたのアカウント',
  'account.back': '設定',
  'account.passwordHeading': 'パスワードの変更',
  'account.passwordIntro':
    '変更すると、ほかの端末はログアウトされます。この端末はログインしたままです。',
  'account.currentPassword': '現在のパスワード',
  'account.newPassword': '新しいパスワード',
  'account.submit': 'パスワードを変更',
  'account.submitting': '変更中…',
  'account.changed': 'パスワードを変更しました。ほかの端末はログアウトされました。',
  'account.link': 'パスワードを変更',

  'team.title': 'チーム',
  'team.back': '設定',
  'team.intro': 'この組織にログインできるメンバーと、受諾待ちの招待です。',
  'team.linkHint': 'メンバーの招待、権限の変更、招待の取り消し。',
  'team.link': 'チームを管理',
  'team.forbidden': 'チームを管理できるのはオーナーと管理者だけです。',
  'team.loading': 'チームを読み込み中…',
  'team.offline': 'チームの管理はオンラインのときだけできます。',
  'team.failed': 'チームを読み込めませんでした。',
  'team.retry': '再試行',

  'team.members': 'メンバー',
  'team.you': 'あなた',
  'team.disabled': '無効',
  'team.roleOf': '{email} の権限',
  'team.disable': '無効にする',
  'team.enable': '有効にする',
  'team.disableLabel': '{email} を無効にする',
  'team.enableLabel': '{email} を有効にする',
  'team.reset': 'パスワード再設定',
  'team.resetLabel': '{email} のパスワード再設定リンクを作成',
  'team.resetSent': '{email} に再設定リンクをメールで送信しました。',
  'team.resetLink': '{email} のパスワード再設定リンク',
  'team.resetLinkHint':
    'このリンクは今回だけ表示されます。{email} さんに直接渡してください。{expires} まで1回だけ有効です。使うとその人の端末はログアウトされます。',

  'team.inviteHeading': 'メンバーを招待',
  'team.inviteEmail': 'メールアドレス',
  'team.inviteRole': '権限',
  'team.inviteName': '名前',
  'team.inviteNameHint': '任意。',
  'team.inviteSubmit': '招待リンクを作成',
  'team.inviteSubmitting': '作成中…',
  'team.inviteLink': '{email} への招待リンク',
  'team.inviteLinkHint':
    'このリンクは今回だけ表示されます。{email} さんにご自身で送ってください。{expires} まで1回だけ有効です。',
  'team.copy': 'リンクをコピー',
  'team.copied': 'コピーしました。',
  'team.done': '閉じる',

  'team.pending': '受諾待ちの招待',
  'team.pendingEmpty': '受諾待ちの招待はありません。',
  'team.invitedBy': '招待者: {name} · 有効期限 {expires}',
  'team.revoke': '取り消す',
  'team.revokeLabel': '{email} への招待を取り消す',
  'team.revoked': '{email} への招待を取り消しました。',

  'error.WRONG_PASSWORD': '現在のパスワードが正しくありません。',
  'error.INVALID_RESET_TOKEN':
    'この再設定リンクは無効、使用済み、または期限切れです。新しいリンクを依頼してください。',
  'error.INVALID_INVITATION':
    'この招待は無効、使用済み、取り消し済み、または期限切れです。新しい招待を依頼してください。',
  'error.USER_DISABLED': '先にメンバーを有効にしてください。',
};
