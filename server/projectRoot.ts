import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository's root, found from where this code runs: server/… under a TypeScript loader
 * (tests), build/server.mjs once bundled (`npm start`). Files the server reads at run time
 * (the built editor, export templates) are located from it.
 */
export const projectRoot = findProjectRoot(import.meta.dirname);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
