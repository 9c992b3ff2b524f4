/**
 * `npm run bench:import` (also the last step of `npm run bench`): generates a Disqus export of
 * `--count` comments (default 100,000; IMPORT_BENCH_COUNT works too) over a thousand threads, a third
 * of them replies, and imports it into an in-memory DynamoDB Local through `npm run import`'s own
 * code path. Reports comments per second and the process's peak RSS (the parse streams; the plan
 * keeps the source comments, and each record is made only when its batch is written), and writes bench/import-results.json.
 *
 *   npm run bench:import
 *   npm run bench:import -- --count 20000 --concurrency 32
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTable } from '../infra/local/create-table';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { importFile } from '../infra/tools/import-run';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const write = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
  stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));

/** A Disqus export as Disqus writes it: threads first, then posts in time order. */
const generate = async (file: string, count: number): Promise<void> => {
  const out = createWriteStream(file);
  const threads = Math.max(1, Math.min(1000, Math.ceil(count / 100)));
  await write(
    out,
    '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n',
  );
  for (let t = 0; t < threads; t++)
    await write(
      out,
      `<thread dsq:id="${t}"><id>t${t}</id><link>https://blog.example.com/${2000 + (t % 20)}/${t}/post-${t}.html</link><title>Post ${t} &amp; more</title></thread>\n`,
    );
  const start = Date.parse('2012-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const thread = i % threads;
    // Replies go to a recent comment of the same thread (i - threads * k is in the same thread).
    const parent = i >= threads * 3 && i % 3 === 0 ? i - threads * (1 + (i % 3)) : -1;
    const created = new Date(start + i * 60_000).toISOString();
    await write(
      out,
      `<post dsq:id="${i}"><message><![CDATA[<p>Comment ${i}: <b>bold</b> words about post ${thread}, naïve café ✓</p>]]></message><createdAt>${created}</createdAt><isDeleted>false</isDeleted><isSpam>${i % 50 === 0}</isSpam><author><email>user${i % 5000}@example.com</email><name>User ${i % 5000}</name></author><ipAddress>10.0.${i % 250}.${i % 200}</ipAddress><thread dsq:id="${thread}"/>${parent >= 0 ? `<parent dsq:id="${parent}"/>` : ''}</post>\n`,
    );
  }
  await write(out, '</disqus>\n');
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, concurrency: { type: 'string', default: '4' } },
  });
  const count = Number(values.count ?? process.env.IMPORT_BENCH_COUNT ?? 100_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-import-'));
  const file = path.join(dir, 'disqus.xml');
  await generate(file, count);
  const dynamo = await startDynamoDbLocal({ dataDir: null });
  try {
    const tableName = `bench-import-${randomBytes(4).toString('hex')}`;
    await ensureTable({ endpoint: dynamo.endpoint, tableName });
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
    });
    const started = performance.now();
    let lastLine = 0;
    const report = await importFile(file, {
      postIds: { kind: 'url' },
      secret: randomBytes(32).toString('base64url'),
      dryRun: false,
      concurrency: Number(values.concurrency),
      onProgress: (done, total) => {
        if (Date.now() - lastLine > 10_000 || done === total) {
          lastLine = Date.now();
          console.error(`  ${done}/${total} written, ${((done / (performance.now() - started)) * 1000).toFixed(0)}/s`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const result = {
      comments: count,
      fileMegabytes: Number((statSync(file).size / 1e6).toFixed(1)),
      imported: report.imported.total,
      seconds: Number(seconds.toFixed(1)),
      commentsPerSecond: Math.round(report.imported.total / seconds),
      peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
      concurrency: Number(values.concurrency),
      retries: (report as { retries?: number }).retries ?? 0,
      cpus: os.cpus().length,
      node: process.version,
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(path.join(__dirname, 'import-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
