/**
 * Where the local stand-in finds the repository and keeps its state. Its own module because the
 * gateway, the token tools and the test harnesses all need it, and none of them is about JWTs.
 */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Where local state lives: `.data/` in the repository, or PARLEY_DATA_DIR (tests point it at a temp dir). */
export const localDataDir = (): string => process.env.PARLEY_DATA_DIR || path.join(REPO_ROOT, '.data');
