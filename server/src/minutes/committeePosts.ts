import type { CommitteePost } from '@tongxin/shared';

/**
 * The committee posts (委员名单) in the words of the record: the minutes — an official document,
 * always in Chinese — and the audit trail say them so, whatever the reader's language.
 */
export const COMMITTEE_POST_WORDS: Record<CommitteePost, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  member: '委员',
  partTimeMember: '兼职委员',
};
