import { config } from '../shared/config';
import { renderThreadHtml } from '../shared/domain/thread-html';
import { defineHandler } from '../shared/http/define-handler';
import { serverTranslator } from '../shared/i18n/catalogues';
import { GetThreadHtml } from '../shared/routes/get-thread-html';
import { listThread } from '../shared/usecases/list-thread';

/** The same first page as `GET /v1/comments` (oldest first), the same reads, as HTML. */
export const handler = defineHandler(GetThreadHtml, async ({ query, headers }) => {
  const page = await listThread({ post: query.post, sort: 'oldest', limit: query.limit, cursor: undefined }, config());
  const tr = serverTranslator(query.lang, headers['Accept-Language']);
  return renderThreadHtml(page, tr, query.href ?? null);
});
