import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The entry of a worker thread module `name` that sits next to the module at `here`. Bundled
 * (`npm start`), every module is build/server.mjs and the worker build/<name>.mjs next to it
 * (scripts/buildServer.mjs). From the TypeScript sources (tests, tsx) the worker is the .ts
 * file, loaded through tsx registered in the thread first: a worker does not inherit the loader
 * of the thread that starts it.
 */
export function workerEntry(here: string, name: string): URL {
  if (here.endsWith('.mjs')) return new URL(`./${name}.mjs`, here);
  // require.resolve finds the CommonJS build of tsx's API; its ES module build sits next to it.
  const tsx = pathToFileURL(createRequire(fileURLToPath(here)).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const source = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(new URL(`./${name}.ts`, here).href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}
