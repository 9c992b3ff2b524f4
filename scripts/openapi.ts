// Writes docs/openapi.json from the route table and the Zod schemas: `npm run openapi`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApi } from '../shared/schemas/openapi';

writeFileSync(path.resolve(__dirname, '../docs/openapi.json'), `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log('wrote docs/openapi.json');
