/**
 * Chromium's tagged PDF leaves the CSS page-margin boxes (running header and footer) outside any
 * marked-content sequence: neither structure nor artifact, which PDF/UA (ISO 14289-1, 7.1) and
 * PDF/A-2a forbid and which screen readers then read on every page. This pass wraps every text
 * object (BT…ET) and every painted path or image drawn outside marked content in an Artifact
 * sequence: text as `/Artifact <</Type /Pagination>>` (the only unmarked text Chromium writes
 * is the margin boxes), the rest as `/Artifact` (decoration). Marked content is left untouched.
 *
 * It works on the operators of a decoded content stream (the PDF library decodes and encodes
 * the stream); operands are copied byte for byte.
 */

/** What a pass changed, for the tests and the log. */
export interface ArtifactMarking {
  content: string;
  /** Text objects wrapped as pagination artifacts. */
  textObjects: number;
  /** Paths and images wrapped as layout artifacts. */
  graphics: number;
}

const paintingOperators = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 'sh', 'Do']);
const pathOperators = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're', 'W', 'W*']);

/** Character classes of PDF syntax (ISO 32000-1, 7.2.2), by char code. */
const white = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) white[c] = 1;
const delimiter = new Uint8Array(256);
for (const c of '()<>[]{}/%') delimiter[c.charCodeAt(0)] = 1;
const code = (c: string) => c.charCodeAt(0);
const [openParen, closeParen, backslash, lessThan, greaterThan, percent, slash] = ['(', ')', '\\', '<', '>', '%', '/'].map(code) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

interface Token {
  /** An operator's name; null for an operand. */
  operator: string | null;
  start: number;
  end: number;
}

/**
 * The tokens of a content stream (latin1 string), by char codes: a 100-page document's streams
 * hold megabytes. Throws on inline images, which Chromium does not write.
 */
export function tokenize(content: string): Token[] {
  const tokens: Token[] = [];
  const n = content.length;
  let i = 0;
  while (i < n) {
    const c = content.charCodeAt(i);
    if (white[c]) {
      i++;
    } else if (c === percent) {
      while (i < n && content.charCodeAt(i) !== 10 && content.charCodeAt(i) !== 13) i++;
    } else if (c === openParen) {
      const start = i;
      let depth = 0;
      for (; i < n; i++) {
        const d = content.charCodeAt(i);
        if (d === backslash) i++;
        else if (d === openParen) depth++;
        else if (d === closeParen && --depth === 0) break;
      }
      tokens.push({ operator: null, start, end: ++i });
    } else if (c === lessThan || c === greaterThan) {
      const start = i;
      if (content.charCodeAt(i + 1) === c) i += 2;
      else if (c === lessThan) {
        i = content.indexOf('>', i) + 1;
        if (i === 0) throw new Error('unterminated hex string');
      } else i++;
      tokens.push({ operator: null, start, end: i });
    } else if (delimiter[c] && c !== slash) {
      tokens.push({ operator: null, start: i, end: ++i });
    } else {
      const start = i;
      i++;
      while (i < n && !white[content.charCodeAt(i)] && !delimiter[content.charCodeAt(i)]) i++;
      // Numbers (digits, sign, point) and names are operands; true, false and null too.
      const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
      if (numeric || c === slash) {
        tokens.push({ operator: null, start, end: i });
        continue;
      }
      const word = content.slice(start, i);
      if (word === 'true' || word === 'false' || word === 'null') tokens.push({ operator: null, start, end: i });
      else if (word === 'BI') throw new Error('inline image in a content stream');
      else tokens.push({ operator: word, start, end: i });
    }
  }
  return tokens;
}

/**
 * Wraps unmarked content in Artifact sequences. A run of unmarked drawing (text objects, painted
 * paths, images, and the colour and state operators between them) becomes one sequence; it ends
 * at q, Q, marked content, a clip and the end of the stream, so an artifact sequence never
 * straddles a q/Q pair or marked content. A run holding
 * text is a pagination artifact (the running header and footer), any other a layout one (rules,
 * dotted leaders, backgrounds).
 */
export function markUnmarkedContent(content: string): ArtifactMarking {
  const tokens = tokenize(content);
  const insertions: { at: number; text: string }[] = [];
  let depth = 0;
  let operandsStart = -1;
  /** The open run: where it starts, where its last drawing ends, what it holds. */
  let run: { start: number; end: number; text: number; graphics: number } | null = null;
  let pending = -1;
  let inText = false;
  let textObjects = 0;
  let graphics = 0;
  const closeRun = () => {
    if (run && run.end > run.start) {
      insertions.push({ at: run.start, text: run.text > 0 ? '/Artifact <</Type /Pagination>> BDC\n' : '/Artifact BMC\n' }, { at: run.end, text: '\nEMC' });
      textObjects += run.text;
      graphics += run.graphics;
    }
    run = null;
    pending = -1;
  };
  for (const token of tokens) {
    if (token.operator === null) {
      if (operandsStart < 0) operandsStart = token.start;
      continue;
    }
    const op = token.operator;
    const from = operandsStart >= 0 ? operandsStart : token.start;
    operandsStart = -1;
    if (op === 'BMC' || op === 'BDC' || op === 'EMC' || op === 'q' || op === 'Q') {
      // Marked content inside a text object or a path: that object is not wholly unmarked.
      if (depth === 0) closeRun();
      if (op === 'BMC' || op === 'BDC') depth++;
      else if (op === 'EMC') depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (op === 'BT') {
      inText = true;
      pending = pending >= 0 ? pending : from;
    } else if (op === 'ET' && inText) {
      inText = false;
      run ??= { start: pending, end: pending, text: 0, graphics: 0 };
      run.end = token.end;
      run.text++;
      pending = -1;
    } else if (!inText && pathOperators.has(op)) {
      if (pending < 0) pending = from;
    } else if (!inText && paintingOperators.has(op)) {
      if (op === 'n') {
        // A clip painting nothing: it belongs to no artifact, and ends any run before it.
        closeRun();
      } else {
        run ??= { start: pending >= 0 ? pending : from, end: from, text: 0, graphics: 0 };
        run.end = token.end;
        run.graphics++;
      }
      pending = -1;
    }
  }
  closeRun();
  if (insertions.length === 0) return { content, textObjects, graphics };
  let out = '';
  let at = 0;
  for (const insertion of insertions) {
    out += content.slice(at, insertion.at) + insertion.text;
    at = insertion.at;
  }
  return { content: out + content.slice(at), textObjects, graphics };
}
