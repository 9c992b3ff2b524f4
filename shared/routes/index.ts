/**
 * The route table: every HTTP route of Parley, each declared once in its own file here. The CDK
 * stack makes one API Gateway route and one Lambda function per entry, the local server dispatches
 * with it, the OpenAPI document is generated from it, and the tests walk it. A Lambda entry file
 * imports only its own declaration (see `functions/`), never this index, which would bundle every
 * route's schemas.
 */
import { AdminApprove } from './admin-approve';
import { AdminAudit } from './admin-audit';
import { AdminBlock } from './admin-block';
import { AdminBulkModerate } from './admin-bulk-moderate';
import { AdminEraseComment } from './admin-erase-comment';
import { AddReaction } from './add-reaction';
import { AdminListComments } from './admin-list-comments';
import { AdminLockPost } from './admin-lock-post';
import { AdminMoveThread } from './admin-move-thread';
import { AdminPostMeta } from './admin-post-meta';
import { AdminPostReactions } from './admin-post-reactions';
import { AdminReject } from './admin-reject';
import { AdminReply } from './admin-reply';
import { AdminSpam } from './admin-spam';
import { AdminUnblock } from './admin-unblock';
import { AdminUnlockPost } from './admin-unlock-post';
import { DeleteComment } from './delete-comment';
import { EditComment } from './edit-comment';
import { GetCounts } from './get-counts';
import { GetFeed } from './get-feed';
import { GetThreadHtml } from './get-thread-html';
import { Health } from './health';
import { ListComments } from './list-comments';
import { PostComment } from './post-comment';
import { RemoveReaction } from './remove-reaction';
import { AdminGetMailSettings } from './admin-get-mail-settings';
import { AdminSetMailSettings } from './admin-set-mail-settings';
import { NotifyAction } from './notify-action';
import { NotifyActionPage } from './notify-action-page';
import { NotifyConfirm } from './notify-confirm';
import { NotifyConfirmPage } from './notify-confirm-page';
import { NotifyMyDataDownload } from './notify-my-data-download';
import { NotifyMyDataErase } from './notify-my-data-erase';
import { NotifyMyDataLink } from './notify-my-data-link';
import { NotifyMyDataPage } from './notify-my-data-page';
import { NotifySubscribe } from './notify-subscribe';
import { NotifyUnsubscribe } from './notify-unsubscribe';
import { NotifyUnsubscribePage } from './notify-unsubscribe-page';
import type { RouteSpec } from './spec';

export { routeKey, type IndexName, type Route, type RouteSpec, type TableAction } from './spec';

/** Keys each declaration by its own name, so a key and its route's name cannot disagree. */
const byName = <const L extends readonly RouteSpec[]>(list: L): { readonly [R in L[number] as R['name']]: R } =>
  Object.fromEntries(list.map((route) => [route.name, route])) as { readonly [R in L[number] as R['name']]: R };

/** Every route by name, in the order of the OpenAPI document: `ROUTES.ListComments`. */
export const ROUTES = byName([
  ListComments,
  GetThreadHtml,
  PostComment,
  EditComment,
  DeleteComment,
  AddReaction,
  RemoveReaction,
  GetCounts,
  GetFeed,
  Health,
  AdminListComments,
  AdminApprove,
  AdminReject,
  AdminSpam,
  AdminReply,
  AdminBulkModerate,
  AdminEraseComment,
  AdminLockPost,
  AdminUnlockPost,
  AdminBlock,
  AdminUnblock,
  AdminMoveThread,
  AdminPostMeta,
  AdminPostReactions,
  AdminAudit,
  AdminGetMailSettings,
  AdminSetMailSettings,
  NotifyActionPage,
  NotifyAction,
  NotifyConfirmPage,
  NotifyConfirm,
  NotifyUnsubscribePage,
  NotifyUnsubscribe,
  NotifySubscribe,
  NotifyMyDataLink,
  NotifyMyDataPage,
  NotifyMyDataDownload,
  NotifyMyDataErase,
]);

export type RouteName = keyof typeof ROUTES;

export const routes: readonly RouteSpec[] = Object.values(ROUTES);
