/**
 * Cold-start measurement (`npm run bench:cold`): bundles every function of the route table in
 * each variant of infra/cdk/bundling.ts (AWS SDK bundled, bundled without its fallback credential
 * providers, or left external; CJS or ESM), reports the
 * minified size, and times loading each bundle in a fresh Node process against loading an empty
 * script in the same run. Prints a table and writes bench/cold-start-results.json.
 *
 * Loading only imports the module (no handler is invoked, nothing reaches AWS). An "SDK external"
 * bundle resolves @aws-sdk/* from node_modules, as the Lambda runtime resolves its bundled SDK, so
 * its load time includes loading the SDK. Options: BENCH_RUNS (default 10) fresh processes per
 * bundle; BENCH_FUNCTIONS=ListComments,PostComment to measure only some functions.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import {
  BUNDLE_VARIANTS,
  CHOSEN_VARIANT_NAME,
  ESM_REQUIRE_BANNER,
  MAIN_FIELDS,
  NODE_TARGET,
  type BundleVariant,
} from '../infra/cdk/bundling';
import { routes } from '../shared/routes';

const ROOT = path.resolve(__dirname, '..');
// Inside node_modules so that bare imports of an external SDK resolve from the project's node_modules.
const OUT = path.join(ROOT, 'node_modules', '.cache', 'parley-bench');
const RESULTS = path.join(ROOT, 'bench', 'cold-start-results.json');
const RUNS = Math.max(3, Math.min(50, Number(process.env.BENCH_RUNS ?? 10)));
const SPAWN_TIMEOUT_MS = 15_000;
const TARGET_KIB = 250;
const TARGET_RATIO = 2.5;

interface Measured {
  readonly fn: string;
  readonly variant: string;
  readonly file: string;
  readonly sizeBytes: number;
  readonly sdkBytes: number;
  readonly wallMs: number[];
  readonly importMs: number[];
}

/** The environment a handler module sees while being imported: no credentials, no network-bound settings. */
const CHILD_ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  TABLE_NAME: 'parley-bench',
  PARLEY_SECRET: 'bench-secret',
  ALLOWED_ORIGINS: 'https://blog.example.org',
  POWERTOOLS_SERVICE_NAME: 'parley',
  LOG_LEVEL: 'SILENT',
};

const LOADER = `const t0 = performance.now();
await import(${'process.argv[2]'});
process.stdout.write(JSON.stringify({ importMs: performance.now() - t0 }));
`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kib = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

const build = async (
  entry: string,
  fnName: string,
  variant: BundleVariant,
): Promise<Pick<Measured, 'file' | 'sizeBytes' | 'sdkBytes'>> => {
  const file = path.join(OUT, variant.name, `${fnName}.${variant.format === 'esm' ? 'mjs' : 'js'}`);
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: variant.format,
    mainFields: MAIN_FIELDS,
    external: [...variant.externals],
    banner: variant.format === 'esm' ? { js: ESM_REQUIRE_BANNER } : undefined,
    minify: true,
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const sdkBytes = Object.entries(output.inputs)
    .filter(([input]) => /node_modules\/(@aws-sdk|@smithy|@aws-crypto)\//.test(input))
    .reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
  return { file, sizeBytes: fs.statSync(file).size, sdkBytes };
};

const load = (loader: string, file: string): { wallMs: number; importMs: number } => {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [loader, file], {
    env: CHILD_ENV,
    encoding: 'utf8',
    timeout: SPAWN_TIMEOUT_MS,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0)
    throw new Error(`Loading ${file} failed (${child.status ?? child.signal}): ${child.stderr.slice(0, 500)}`);
  return { wallMs, importMs: (JSON.parse(child.stdout) as { importMs: number }).importMs };
};

const main = async (): Promise<void> => {
  const only = process.env.BENCH_FUNCTIONS?.split(',').map((s) => s.trim());
  const selected = routes.filter((r) => !only || only.includes(r.name));
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const loader = path.join(OUT, 'loader.mjs');
  const empty = path.join(OUT, 'empty.js');
  fs.writeFileSync(loader, LOADER);
  fs.writeFileSync(empty, '');

  const measured: Measured[] = [];
  for (const route of selected) {
    for (const variant of BUNDLE_VARIANTS) {
      measured.push({
        fn: route.name,
        variant: variant.name,
        ...(await build(route.entry, route.name, variant)),
        wallMs: [],
        importMs: [],
      });
    }
  }
  process.stderr.write(`Built ${measured.length} bundles; loading each ${RUNS} times in fresh processes...\n`);

  // Interleave: each round loads the empty script before every function's bundles, so drift hits all alike.
  const emptyWall: number[] = [];
  const emptyImport: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const route of selected) {
      const baseline = load(loader, empty);
      emptyWall.push(baseline.wallMs);
      emptyImport.push(baseline.importMs);
      for (const m of measured.filter((x) => x.fn === route.name)) {
        const { wallMs, importMs } = load(loader, m.file);
        m.wallMs.push(wallMs);
        m.importMs.push(importMs);
      }
    }
  }

  const emptyMs = median(emptyWall);
  const results = measured.map((m) => ({
    function: m.fn,
    variant: m.variant,
    sizeKiB: kib(m.sizeBytes),
    sdkKiB: kib(m.sdkBytes),
    loadMs: round2(median(m.wallMs)),
    ratio: round2(median(m.wallMs) / emptyMs),
    importMs: round2(median(m.importMs)),
  }));
  const variants = BUNDLE_VARIANTS.map((v) => {
    const rows = results.filter((r) => r.variant === v.name);
    const maxKiB = Math.max(...rows.map((r) => r.sizeKiB));
    const maxRatio = Math.max(...rows.map((r) => r.ratio));
    return {
      variant: v.name,
      maxKiB,
      maxRatio,
      medianRatio: round2(median(rows.map((r) => r.ratio))),
      medianImportMs: round2(median(rows.map((r) => r.importMs))),
      meetsTargets: maxKiB <= TARGET_KIB && maxRatio <= TARGET_RATIO,
    };
  });
  const passing = variants
    .filter((v) => v.meetsTargets)
    .sort((a, b) => a.medianRatio - b.medianRatio || a.maxKiB - b.maxKiB);
  const recommended = passing[0]?.variant ?? null;

  const header = '| function | variant | size KiB | of which SDK KiB | load ms (median) | × empty | import ms |';
  const lines = [
    header,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) => `| ${r.function} | ${r.variant} | ${r.sizeKiB} | ${r.sdkKiB} | ${r.loadMs} | ${r.ratio} | ${r.importMs} |`,
    ),
  ];
  const summary = [
    '| variant | max size KiB | max × empty | median × empty | median import ms | meets targets |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...variants.map(
      (v) =>
        `| ${v.variant} | ${v.maxKiB} | ${v.maxRatio} | ${v.medianRatio} | ${v.medianImportMs} | ${v.meetsTargets ? 'yes' : 'no'} |`,
    ),
  ];
  console.log(
    `Empty script: ${round2(emptyMs)} ms median over ${emptyWall.length} fresh processes (import ${round2(median(emptyImport))} ms). Node ${process.version}, ${process.platform}/${process.arch}, ${RUNS} runs per bundle.`,
  );
  console.log(`Targets: every bundle <= ${TARGET_KIB} KiB minified; load <= ${TARGET_RATIO}x the empty script.\n`);
  console.log(lines.join('\n'));
  console.log(`\n${summary.join('\n')}\n`);
  console.log(
    `Recommended (meets targets, lowest median ratio): ${recommended ?? 'none'}; the stack uses ${CHOSEN_VARIANT_NAME}.`,
  );

  fs.writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        platform: `${process.platform}/${process.arch}`,
        runsPerBundle: RUNS,
        targets: { maxKiB: TARGET_KIB, maxRatio: TARGET_RATIO },
        emptyScriptMs: round2(emptyMs),
        variants,
        recommended,
        chosen: CHOSEN_VARIANT_NAME,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Wrote ${path.relative(ROOT, RESULTS)}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
