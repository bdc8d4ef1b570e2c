#!/usr/bin/env node
// Installs what is missing before `npm start` / `npm test`, and does nothing when all is there.
// Plain Node, no dependency: it runs before node_modules exists (only the last step, the server
// bundle, uses a package: esbuild, once installed).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const mode = process.argv[2] ?? 'start';
const say = (msg) => process.stdout.write(`[pmp] ${msg}\n`);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} a échoué (code ${r.status})`);
};
const hashOf = (files) => {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(root, f)));
  return h.digest('hex');
};

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Node ${process.versions.node} : il faut Node 20.19 ou plus récent.`);
  }
}

function ensureDependencies() {
  const stamp = path.join(root, 'node_modules', '.pmp-install-stamp');
  const want = hashOf(['package.json', 'package-lock.json']);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  say('installation des dépendances (npm ci)… (better-sqlite3 se compile : environ 1 à 2 minutes)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(stamp, want);
}

const chromiumPath = process.env.PMP_CHROMIUM_PATH ?? '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(packages) {
  say(`installation de ${packages.join(', ')} (apt-get)…`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * System packages: Chromium renders PDF exports and runs the end-to-end tests; the tests also
 * check exported files with poppler (pdfinfo, pdftotext) and LibreOffice (DOCX conversion).
 */
function ensureSystemPackages() {
  const wanted = [
    { pkg: 'chromium', present: fs.existsSync(chromiumPath), feature: 'l’export PDF et les tests de bout en bout' },
    // The print stylesheet's typeface; Chromium's Debian package only recommends it, and a
    // fallback font with other metrics moves every line break of the exported PDF.
    { pkg: 'fonts-liberation', present: hasLiberationSans(), feature: 'les exports PDF dans leur police (Liberation Sans)' },
  ];
  if (mode === 'test') {
    wanted.push({ pkg: 'poppler-utils', present: hasCommand('pdftotext'), feature: 'la vérification des PDF exportés' });
    wanted.push({ pkg: 'libreoffice-writer-nogui', present: hasCommand('soffice'), feature: 'la vérification des DOCX exportés' });
  }
  const missing = wanted.filter((w) => !w.present);
  if (missing.length === 0) return;
  if (isRoot && hasCommand('apt-get')) {
    try {
      aptInstall(missing.map((m) => m.pkg));
      return;
    } catch (error) {
      say(`installation impossible : ${error.message}`);
    }
  }
  for (const m of missing) {
    const msg = `${m.pkg} est absent : ${m.feature} ${mode === 'test' ? 'ne peuvent pas être testés' : 'sont indisponibles'}. Installez-le avec « sudo apt-get install ${m.pkg} »${m.pkg === 'chromium' ? ' ou indiquez son chemin dans PMP_CHROMIUM_PATH' : ''}.`;
    if (mode === 'test') throw new Error(msg);
    say(msg);
  }
}

function hasLiberationSans() {
  const probe = spawnSync('fc-list', [':family=Liberation Sans'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() !== '' : fs.existsSync('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf');
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'dist' && entry.name !== 'node_modules') out.push(...listFiles(rel));
    } else out.push(rel);
  }
  return out.sort();
}

/** Rebuilds the browser editor only when its sources (or the shared schemas) changed. */
function ensureEditorBuild() {
  const stamp = path.join(root, 'editor', 'dist', '.build-stamp');
  const want = hashOf([...listFiles('editor'), ...listFiles('schemas'), 'package-lock.json']);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  say('construction de l’éditeur (vite build)…');
  run('npx', ['vite', 'build', '--config', 'editor/vite.config.ts', '--logLevel', 'warn']);
  fs.writeFileSync(stamp, want);
}

try {
  checkNode();
  ensureDependencies();
  ensureSystemPackages();
  ensureEditorBuild();
  // After the dependencies: it needs esbuild.
  const { buildServer } = await import('./buildServer.mjs');
  await buildServer();
} catch (error) {
  process.stderr.write(`[pmp] ${error.message}\n`);
  process.exit(1);
}
