// A Jest transform built on esbuild: strips types and turns ESM into CommonJS.
// Chosen over ts-jest because it needs no TypeScript compiler API (type checking runs separately, in `tsc --noEmit`).
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(source).update('\0').update(filename).update('\0v1').digest('hex');
  },
  process(source, filename) {
    const loader = filename.endsWith('.ts') ? 'ts' : 'js';
    const { code, map } = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
