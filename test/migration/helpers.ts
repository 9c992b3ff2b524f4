/** Shared steps of the migration tests: import a fixture into the test API's table, read threads back. */
import path from 'node:path';
import { importFile } from '../../infra/tools/import-run';
import type { SourceFormat } from '../../shared/migration/model';
import type { PostIdMode } from '../../shared/migration/post-ids';
import { expectStatus } from '../support/comments';
import type { TestApi } from '../support/local-api';

export const fixture = (name: string): string => path.join(__dirname, 'fixtures', name);

export const importFixture = (
  file: string,
  options: { dryRun?: boolean; postIds?: PostIdMode; format?: SourceFormat } = {},
) =>
  importFile(file, {
    postIds: options.postIds ?? { kind: 'url' },
    secret: process.env.PARLEY_SECRET!,
    dryRun: options.dryRun ?? false,
    format: options.format,
    concurrency: 4,
  });

export const thread = async (api: TestApi, post: string) =>
  expectStatus(await api.request('GET', `/v1/comments?post=${encodeURIComponent(post)}&limit=100`), 200).json;

export const adminQueue = async (api: TestApi, status: string) => {
  const token = await api.moderatorToken();
  return expectStatus(
    await api.request('GET', `/v1/admin/comments?status=${status}`, { headers: { authorization: `Bearer ${token}` } }),
    200,
  ).json.comments as any[];
};

/** Every comment of a thread page, depth first. */
export const flatten = (comments: any[]): any[] => comments.flatMap((c) => [c, ...flatten(c.replies ?? [])]);
