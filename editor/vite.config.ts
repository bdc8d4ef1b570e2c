import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const editorRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const backend = process.env.PMP_BACKEND ?? 'http://localhost:3000';

/** The browser app: built to editor/dist, which the server serves at "/". */
export default defineConfig({
  root: editorRoot,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The editor chunk (Tiptap, ProseMirror, Yjs) is about 600 kB; it loads with the first project.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // The service worker is served at /sw.js, so that its scope is the whole app.
      input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), sw: fileURLToPath(new URL('./src/serviceWorker.ts', import.meta.url)) },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  resolve: {
    // One copy of Yjs and ProseMirror, or bindings silently break.
    dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm', '@tiptap/core'],
  },
  server: {
    // editor/src imports the shared schemas/ of the repository.
    fs: { allow: [repoRoot] },
    proxy: {
      // No changeOrigin: the server's CSRF check compares Origin with Host.
      '/api': { target: backend },
      '/collab': { target: backend, ws: true },
    },
  },
});
