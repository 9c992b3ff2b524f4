/**
 * `npm run import -- FILE [options]`: brings comments from another system (or a Parley export)
 * into Parley's table. See the README, "Move from Disqus, WordPress or Blogger".
 *
 *   --format F           disqus | wordpress | blogger-classic | blogger-takeout | remark42 | waline | commento | artalk | parley
 *   --post-ids MODE      url (default) | identifier | map:FILE.csv
 *   --deployed           the deployed stack's table (cdk-outputs.json, your AWS credentials)
 *   --outputs FILE       another cdk outputs file
 *   --dry-run            parse, validate and plan, write nothing; same report
 *   --json               the report as JSON
 *   --concurrency N      transactions (of up to 25 comments) in flight (default 4)
 *   --rate N             comments per second at most (default: unlimited locally, 100 deployed)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FORMATS } from '../../shared/migration/detect';
import type { SourceFormat } from '../../shared/migration/model';
import type { ImportReport } from '../../shared/migration/plan';
import { parsePostIdMap, type PostIdMode } from '../../shared/migration/post-ids';
import { importFile } from './import-run';
import { progressReporter } from './progress';
import { useTableTarget } from './table-target';

const postIdMode = (raw: string): PostIdMode => {
  if (raw === 'url') return { kind: 'url' };
  if (raw === 'identifier') return { kind: 'identifier' };
  if (raw.startsWith('map:')) return { kind: 'map', map: parsePostIdMap(readFileSync(raw.slice(4), 'utf8')) };
  throw new Error(`--post-ids must be url, identifier or map:FILE.csv, got "${raw}"`);
};

export const formatReport = (r: ImportReport & { retries?: number }): string =>
  [
    `${r.dryRun ? 'Dry run (nothing written)' : 'Imported'} from ${r.format}: ${r.posts} posts, ${r.threads} threads`,
    `  comments kept:   ${r.imported.total} (approved ${r.imported.approved}, pending ${r.imported.pending}, spam ${r.imported.spam}, placeholders ${r.imported.placeholder})`,
    ...(r.dryRun
      ? []
      : [`  already present: ${r.alreadyPresent} (from an earlier run: nothing written, no counter moved)`]),
    `  skipped:         ${r.skipped.total}`,
    ...Object.entries(r.skipped.byReason).map(([reason, n]) => `    ${reason}: ${n}`),
    `  replies moved up to a kept ancestor: ${r.reattached}`,
    `  replies over the depth cap, attached at the cap: ${r.flattenedOverDepthCap}`,
  ].join('\n');

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'post-ids': { type: 'string', default: 'url' },
      deployed: { type: 'boolean', default: false },
      outputs: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new Error(
      'Usage: npm run import -- FILE [--format F] [--post-ids url|identifier|map:FILE.csv] [--deployed] [--dry-run] [--json]',
    );
  const format = values.format as SourceFormat | undefined;
  if (format && !FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const target = useTableTarget({ deployed: values.deployed, outputsFile: values.outputs });
  const progress = progressReporter('importing');
  const report = await importFile(file, {
    format,
    postIds: postIdMode(values['post-ids']),
    secret: await target.secret(),
    dryRun: values['dry-run'],
    concurrency: values.concurrency ? Number(values.concurrency) : 4,
    // On-demand tables absorb double their previous peak at once; 100/s (about 300-600 write units) stays well inside a new table's.
    ratePerSecond: values.rate ? Number(values.rate) : values.deployed ? 100 : undefined,
    onProgress: (done, total) => progress.update(done, total),
  });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`${formatReport(report)}\n  into the ${target.description}`);
};

main().catch((error: unknown) => {
  console.error(
    `Import failed, nothing was written by this step: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
