import { threadHtmlQuery } from '../schemas/query-params';
import { acceptLanguageHeader } from '../schemas/request-headers';
import { defineRoute } from './spec';

export const GetThreadHtml = defineRoute({
  name: 'GetThreadHtml',
  method: 'GET',
  path: '/v1/comments.html',
  auth: 'public',
  entry: 'functions/get-thread-html.ts',
  tableAccess: ['Query'],
  indexes: ['thread'],
  usesSecret: true,
  summary: "The first page of a post's approved thread as HTML, for static sites and readers without JavaScript",
  query: threadHtmlQuery,
  headers: { 'Accept-Language': acceptLanguageHeader },
  success: { status: 200, body: 'html' },
  errors: [400],
  cache: 'public',
});
