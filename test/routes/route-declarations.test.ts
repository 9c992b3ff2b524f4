import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROUTES, routes } from '../../shared/routes';

const ROOT = path.resolve(__dirname, '../..');
const sourcesIn = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir)).filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'spec.ts');

test('every declaration in shared/routes/ is in ROUTES, under its own name, with one entry in functions/', () => {
  expect(Object.entries(ROUTES).filter(([key, route]) => key !== route.name)).toEqual([]);
  const declared = routes.map((route) => route.entry.replace(/^functions\//, '')).sort();
  expect(sourcesIn('shared/routes').sort()).toEqual(declared);
  // The notifier and the SES event handler are fed by the table stream and SNS, not by a route.
  const eventFunctions = ['notifier.ts', 'ses-events.ts'];
  expect(sourcesIn('functions').sort()).toEqual([...declared, ...eventFunctions].sort());
});

test("each function bundles its own route declaration, but neither the route index nor classic zod's response schemas", async () => {
  const result = await build({
    entryPoints: routes.map((route) => path.join(ROOT, route.entry)),
    bundle: true,
    platform: 'node',
    format: 'esm',
    outdir: '/unused',
    write: false,
    metafile: true,
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  for (const route of routes) {
    const [, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === route.entry)!;
    const inputs = Object.keys(output.inputs);
    expect({ route: route.name, own: inputs.includes(`shared/routes/${path.basename(route.entry)}`) }).toEqual({
      route: route.name,
      own: true,
    });
    expect({
      route: route.name,
      unwanted: inputs.filter((file) =>
        /^shared\/routes\/index\.ts$|^shared\/schemas\/(responses|openapi)\.ts$|zod\/v4\/classic\//.test(file),
      ),
    }).toEqual({ route: route.name, unwanted: [] });
  }
});
