/**
 * Messages of accounts: forgotten and changed passwords, accepting an
 * invitation, and Settings → Team. Spread into `en`; `auth.ja.ts` must have
 * every key.
 */
export const authEn = {
  'login.forgot': 'Forgot password?',

  'forgot.title': 'Reset your password',
  'forgot.heading': 'Reset your password',
  'forgot.intro': 'Enter the email you sign in with. We will send a link to choose a new password.',
  'forgot.submit': 'Send reset link',
  'forgot.submitting': 'Sending…',
  'forgot.sent':
    'If an account uses {email}, a link to reset its password is on its way. It works once, for an hour.',
  'forgot.noMail':
    'No email arrives? If this server is not set up to send email, ask an owner or admin of your organization for a reset link.',
  'forgot.back': 'Back to log in',

  'reset.title': 'Choose a new password',
  'reset.heading': 'Choose a new password',
  'reset.intro': 'Every device signed in to your account is signed out; this one signs in.',
  'reset.newPassword': 'New password',
  'reset.submit': 'Set password and log in',
  'reset.submitting': 'Saving…',
  'reset.missing':
    'This page needs the whole reset link. Open the link from your email (or from your admin) again.',

  'accept.title': 'Join your team',
  'accept.heading': 'Join your team',
  'accept.intro': 'Choose a password to finish your account.',
  'accept.name': 'Your name',
  'accept.nameHint': 'Optional. Shown to your team.',
  'accept.submit': 'Join',
  'accept.submitting': 'Joining…',
  'accept.missing':
    'This page needs the whole invitation link. Open the link you were sent again, or ask for a new invitation.',

  'account.title': 'Your account',
  'account.back': 'Settings',
  'account.passwordHeading': 'Change your password',
  'account.passwordIntro':
    'Your other devices are signed out when you change it; this one stays signed in.',
  'account.currentPassword': 'Current password',
  'account.newPassword': 'New password',
  'account.submit': 'Change password',
  'account.submitting': 'Changing…',
  'account.changed': 'Your password is changed. Your other devices are signed out.',
  'account.link': 'Change your password',

  'team.title': 'Team',
  'team.back': 'Settings',
  'team.intro': 'Who can sign in to this organization, and the invitations still open.',
  'team.linkHint': 'Invite people, change roles, revoke invitations.',
  'team.link': 'Manage the team',
  'team.forbidden': 'Only owners and admins manage the team.',
  'team.loading': 'Loading the team…',
  'team.offline': 'The team can be managed only while online.',
  'team.failed': 'The team could not be loaded.',
  'team.retry': 'Try again',

  'team.members': 'Members',
  'team.you': 'you',
  'team.disabled': 'Disabled',
  'team.roleOf': 'Role of {email}',
  'team.disable': 'Disable',
  'team.enable': 'Enable',
  'team.disableLabel': 'Disable {email}',
  'team.enableLabel': 'Enable {email}',
  'team.reset': 'Reset password',
  'team.resetLabel': 'Reset password for {email}',
  'team.resetSent': 'A reset link was emailed to {email}.',
  'team.resetLink': 'Password reset link for {email}',
  'team.resetLinkHint':
    'Shown once. Give it to {email} privately; it works once, until {expires}. Their devices are signed out when they use it.',

  'team.inviteHeading': 'Invite someone',
  'team.inviteEmail': 'Email',
  'team.inviteRole': 'Role',
  'team.inviteName': 'Name',
  'team.inviteNameHint': 'Optional.',
  'team.inviteSubmit': 'Make invitation link',
  'team.inviteSubmitting': 'Making…',
  'team.inviteLink': 'Invitation link for {email}',
  'team.inviteLinkHint': 'Shown once. Send it to {email} yourself; it works once, until {expires}.',
  'team.copy': 'Copy link',
  'team.copied': 'Copied.',
  'team.done': 'Done',

  'team.pending': 'Pending invitations',
  'team.pendingEmpty': 'No invitations are waiting.',
  'team.invitedBy': 'Invited by {name} · expires {expires}',
  'team.revoke': 'Revoke',
  'team.revokeLabel': 'Revoke the invitation of {email}',
  'team.revoked': 'The invitation of {email} is revoked.',

  'error.WRONG_PASSWORD': 'The current password is wrong.',
  'error.INVALID_RESET_TOKEN': 'This reset link is invalid, used or expired. Ask for a new one.',
  'error.INVALID_INVITATION':
    'This invitation is invalid, used, revoked or expired. Ask for a new one.',
  'error.USER_DISABLED': 'Enable the member first.',
} satisfies Record<string, string>;
