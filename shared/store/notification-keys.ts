/** Primary keys of the notifier's items (the comment items are in keys.ts). */
const key = (pk: string, sk: string) => ({ pk, sk });

/** Marker that one mail (or webhook call) was sent: `SENT#<purpose>#<ids>`; TTL. */
export const sendMarkerKey = (dedupeKey: string) => key(`SENT#${dedupeKey}`, 'SENT');
/** A reader's address for notifications, keyed by the keyed hash of the email (the author key). */
export const subscriberKey = (emailHash: string) => key(`SUBSCRIBER#${emailHash}`, 'SUBSCRIBER');
/** A moderator's digest window (`WINDOW`) and waiting entries (`ENTRY#<commentId>#<version>`). */
export const digestPartition = (moderatorId: string) => `DIGEST#${moderatorId}`;
export const digestWindowKey = (moderatorId: string) => key(digestPartition(moderatorId), 'WINDOW');
export const digestEntryKey = (moderatorId: string, commentId: string, version: number) =>
  key(digestPartition(moderatorId), `ENTRY#${commentId}#${version}`);
/** A moderator's mail preference (the console setting). */
export const moderatorPrefsKey = (moderatorId: string) => key(`MODPREFS#${moderatorId}`, 'MODPREFS');
/** A used single-use link: `USEDTOKEN#<nonce>`; TTL at the token's expiry. */
export const usedTokenKey = (nonce: string) => key(`USEDTOKEN#${nonce}`, 'USEDTOKEN');
/** Confirmation mail budget counters: `BUDGET#confirm#hour#<yyyy-mm-ddThh>` and `...#day#<yyyy-mm-dd>`. */
export const budgetKey = (name: string, period: 'hour' | 'day', window: string) =>
  key(`BUDGET#${name}#${period}#${window}`, 'BUDGET');
