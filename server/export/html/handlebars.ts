import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { lazyRequire } from '../../lazyRequire';
import { projectRoot } from '../../projectRoot';

/** Loaded with the first export. */
const handlebars = lazyRequire<typeof Handlebars>('handlebars');

export const exportTemplatesDir = path.join(projectRoot, 'templates', 'export');

/**
 * Content of a CSS string literal: every character but ASCII letters and digits is written as a
 * six-digit CSS hex escape (spaces too: a space right after an escape would be swallowed by it), so a title cannot close the string or the <style> element.
 * Handlebars then HTML-escapes the result, which has nothing left to escape.
 */
export function cssString(value: unknown): string {
  return Array.from(String(value ?? ''), (ch) => (/[A-Za-z0-9]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16).padStart(6, '0')}`)).join('');
}

/**
 * One isolated Handlebars environment for the exports, with HTML escaping on (the default) and
 * only these helpers; templates and partials are read once from templates/export/.
 */
function createEnvironment(): typeof Handlebars {
  const env = handlebars().create();
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('gt', (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a > b);
  env.registerHelper('cssString', cssString);
  const partialsDir = path.join(exportTemplatesDir, 'partials');
  for (const file of fs.readdirSync(partialsDir)) {
    if (!file.endsWith('.hbs')) continue;
    env.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  // The stylesheet is a file of ours, included as a partial: no data goes through it unescaped.
  env.registerPartial('printCss', fs.readFileSync(path.join(exportTemplatesDir, 'print.css'), 'utf8'));
  return env;
}

let environment: typeof Handlebars | null = null;
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** A compiled template of templates/export (`document`, `act`…) or a partial (`partials/toc`). */
export function exportTemplate(name: string): Handlebars.TemplateDelegate {
  environment ??= createEnvironment();
  let template = compiled.get(name);
  if (!template) {
    template = environment.compile(fs.readFileSync(path.join(exportTemplatesDir, `${name}.hbs`), 'utf8'), { preventIndent: true });
    compiled.set(name, template);
  }
  return template;
}
