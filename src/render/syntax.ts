/**
 * Reading a template's text into Handlebars' syntax tree, with every syntax
 * problem said in words at its place: unclosed blocks, mismatched blocks,
 * unclosed comments, control characters, and nesting too deep for the
 * parser (checked first, as Handlebars' parser would overflow the stack).
 */
import Handlebars from 'handlebars';
import { UserError, type Problems } from '../shared/diagnostics.js';
import { readUserFile } from '../shared/files.js';
import { LIMITS } from '../shared/limits.js';
import { CONTROL, CONTROL_HINT, controlMessage } from '../shared/controls.js';

export type AST = ReturnType<typeof Handlebars.parse>;

const TOKEN_WORDS: Record<string, string> = {
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  OPEN_ENDBLOCK: '{{/…}}',
  INVERSE: '{{else}}',
  OPEN_INVERSE_CHAIN: '{{else …}}',
  EOF: 'the end of the file',
  INVALID: 'something Handlebars cannot read',
  ID: 'a name',
  CLOSE_SEXPR: ')',
};

/** A template or partial's text: a regular file within the size limit, valid UTF-8. */
export async function readTemplateFile(
  path: string,
  file: string,
  what: string,
  problems: Problems,
): Promise<string | undefined> {
  try {
    const bytes = await readUserFile(path, { max: LIMITS.templateBytes, shownAs: file, what, code: 'template/read' });
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof UserError) problems.add(...err.diagnostics);
    else
      problems.add({
        file,
        line: 0,
        col: 0,
        path: '',
        code: 'template/read',
        message: `the ${what} is not valid UTF-8 text`,
      });
    return undefined;
  }
}

/**
 * The first place where blocks ({{#if}}, {{#each}}...) or sub-expressions nest
 * deeper than the limit: Handlebars' parser is recursive and would overflow
 * the stack long before it said where.
 */
function tooDeep(text: string): { line: number; col: number; what: string } | undefined {
  let blocks = 0;
  const at = (index: number, what: string) => {
    const before = text.slice(0, index);
    return { line: before.split('\n').length, col: index - before.lastIndexOf('\n'), what };
  };
  for (const m of text.matchAll(/\{\{~?\s*([#/^]|else\b)?[^}]*/g)) {
    const kind = m[1];
    if (kind === '#' || (kind === '^' && !/^\{\{~?\s*\^\s*~?$/.test(m[0]))) {
      if (++blocks > LIMITS.blockDepth) return at(m.index, `blocks nest more than ${LIMITS.blockDepth} deep`);
    } else if (kind === '/') blocks = Math.max(0, blocks - 1);
    let parens = 0;
    for (let i = 0; i < m[0].length; i++) {
      if (m[0][i] === '(' && ++parens > LIMITS.blockDepth)
        return at(m.index + i, `sub-expressions nest more than ${LIMITS.blockDepth} deep`);
      if (m[0][i] === ')') parens--;
    }
  }
  return undefined;
}

/**
 * A template's HTML comments (`<!-- note to self -->`) made Handlebars
 * comments: never printed, in any format, as a Markdown renderer hides them.
 * Each is replaced by `{{!` and `}}` around blanks of the same length, line
 * breaks kept, so every later position in the file is unchanged. A comment
 * never closed is an error at its `<!--`. Handlebars' own tags and comments
 * are skipped, so `{{!-- <!-- --}}` stays as it is.
 */
export function hideHtmlComments(text: string, file: string, offset: number, problems: Problems): string | undefined {
  if (!text.includes('<!--')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<!--', i);
    const tag = text.indexOf('{{', i);
    if (open < 0) break;
    if (tag >= 0 && tag < open) {
      // A Handlebars tag or comment first: copy it whole.
      const closer = /^\{\{~?!--/.test(text.slice(tag, tag + 6)) ? /--~?\}\}/g : /\}\}/g;
      closer.lastIndex = tag + 2;
      const end = closer.exec(text);
      if (!end) return out + text.slice(i); // unclosed: the Handlebars parser says where
      out += text.slice(i, end.index + end[0].length);
      i = end.index + end[0].length;
      continue;
    }
    const close = text.indexOf('-->', open + 4);
    if (close < 0) {
      const before = text.slice(0, open);
      problems.add({
        file,
        line: before.split('\n').length + offset,
        col: open - before.lastIndexOf('\n'),
        path: '',
        code: 'template/syntax',
        message: 'an HTML comment opened with <!-- is never closed with -->',
        hint: 'a note to yourself in a template is written {{! like this }} (or {{!-- … --}} across lines): it never reaches the documents',
      });
      return undefined;
    }
    const inner = text.slice(open + 4, close).replace(/[^\n]/g, ' ');
    out += text.slice(i, open) + '{{!  ' + inner + '}}';
    i = close + 3;
  }
  return out + text.slice(i);
}

export function parseTemplate(source: string, file: string, offset: number, problems: Problems): AST | undefined {
  // The one rule for control characters (README "Limits"), as for every YAML value.
  const control = CONTROL.exec(source);
  if (control) {
    const before = source.slice(0, control.index);
    problems.add({
      file,
      line: before.split('\n').length + offset,
      col: control.index - before.lastIndexOf('\n'),
      path: '',
      code: 'template/control',
      message: controlMessage(control[0], 'a template'),
      hint: CONTROL_HINT,
    });
    return undefined;
  }
  const text = hideHtmlComments(source, file, offset, problems);
  if (text === undefined) return undefined;
  const deep = tooDeep(text);
  if (deep) {
    problems.add({
      file,
      line: deep.line + offset,
      col: deep.col,
      path: '',
      code: 'template/too-deep',
      message: `${deep.what}; a template may nest at most ${LIMITS.blockDepth} levels`,
    });
    return undefined;
  }
  try {
    return Handlebars.parse(text);
  } catch (err) {
    if (err instanceof RangeError) {
      problems.add({
        file,
        line: 1 + offset,
        col: 1,
        path: '',
        code: 'template/too-deep',
        message: 'the template nests too deeply to read',
      });
      return undefined;
    }
    const e = err as HandlebarsError;
    const lexical = /^Lexical error on line (\d+)/.exec(e.message);
    const { line, col, message } = lexical
      ? lexicalError(text, Number(lexical[1]))
      : typeof e.lineNumber === 'number'
        ? locatedError(e, e.lineNumber, text, offset)
        : tokenError(e, text);
    problems.add({ file, line: line + offset, col, path: '', code: 'template/syntax', message });
    return undefined;
  }
}

/** An error Handlebars throws: its parser's errors carry a line and column. */
type HandlebarsError = Error & { lineNumber?: number; column?: number };
/** Where in a template (its own line numbers) a syntax error is, and what it says. */
interface SyntaxProblem {
  line: number;
  col: number;
  message: string;
}

/** The lexer stopped where it could not go on: say what is there. */
function lexicalError(text: string, lexicalLine: number): SyntaxProblem {
  const loc = (Handlebars as unknown as { Parser: { lexer: { yylloc: { last_line: number; last_column: number } } } })
    .Parser.lexer.yylloc;
  const lines = text.split('\n');
  let line = loc?.last_line ?? lexicalLine;
  let col = (loc?.last_column ?? 0) + 1;
  let message: string;
  const rest = (lines[line - 1] ?? '').slice(col - 1);
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (/^\{\{~?!--/.test(rest) || (/\{\{~?!--/.test(text) && !/--~?\}\}/.test(text.slice(text.lastIndexOf('{{!--'))))) {
    message = 'a comment opened with {{!-- is never closed with --}}';
  } else if (bad) {
    const before = text.slice(0, bad.index);
    line = before.split('\n').length;
    col = bad.index - before.lastIndexOf('\n');
    message = `a control character (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) that a template cannot hold`;
  } else message = 'Handlebars cannot read the text here';
  return { line, col, message };
}

/** A parser error that says its line and column. */
function locatedError(e: HandlebarsError, lineNumber: number, text: string, offset: number): SyntaxProblem {
  let line = lineNumber;
  let col = (e.column ?? 0) + 1;
  let message = e.message.replace(/ - \d+:\d+$/, '');
  // Handlebars says "<opener> doesn't match <closer>", at the opener: say it at the closer, the right way round.
  const mismatch = /^([\w.-]+) doesn't match ([\w.-]+)$/.exec(message);
  if (mismatch) {
    const at = closerOf(text, line, col);
    const opened = at ? at.opened : { line, col };
    message = `{{/${mismatch[2]}}} closes {{#${mismatch[1]}}} (opened at line ${opened.line + offset}, column ${opened.col}): the block names must match`;
    if (at) ({ line, col } = at);
  }
  return { line, col, message };
}

/** A parser error that names the token it found and those it expected. */
function tokenError(e: HandlebarsError, text: string): SyntaxProblem {
  const loc = (Handlebars as unknown as { Parser: { lexer: { yylloc: { first_line: number; first_column: number } } } })
    .Parser.lexer.yylloc;
  const got = /got '(\w+)'/.exec(e.message)?.[1] ?? '';
  const expected = [...(e.message.match(/Expecting (.*), got/)?.[1]?.matchAll(/'(\w+)'/g) ?? [])].map((x) => x[1]!);
  const want = expected
    .map((t) => TOKEN_WORDS[t])
    .filter(Boolean)
    .slice(0, 3);
  const open = got === 'EOF' ? unclosedBlock(text) : undefined;
  if (open)
    return { line: open.line, col: open.col, message: `{{#${open.name}}} is never closed: add {{/${open.name}}}` };
  return {
    line: loc.first_line,
    col: loc.first_column + 1,
    message: `syntax error: found ${TOKEN_WORDS[got] ?? got}${want.length ? `, expected ${want.join(' or ')}` : ''}`,
  };
}

/** The innermost block opened and never closed, found by scanning the tags. */
function unclosedBlock(text: string): { name: string; line: number; col: number } | undefined {
  const stack: { name: string; index: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#/^])\s*>?\s*([\w.-]+)/g)) {
    if (m[1] === '#' || m[1] === '^') stack.push({ name: m[2]!, index: m.index });
    else if (stack.length && stack[stack.length - 1]!.name === m[2]) stack.pop();
  }
  const open = stack.pop();
  if (!open) return undefined;
  const before = text.slice(0, open.index);
  return { name: open.name, line: before.split('\n').length, col: open.index - before.lastIndexOf('\n') };
}

/**
 * Where the block opened at `line`:`col` (1-based, at or just after its `{{`)
 * is closed: the first `{{/...}}` at its own depth, blocks opened in between
 * counted. Undefined when nothing closes it.
 */
export function closerOf(
  text: string,
  line: number,
  col: number,
): { line: number; col: number; opened: { line: number; col: number } } | undefined {
  const lines = text.split('\n');
  let index = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
  const open = text.lastIndexOf('{{', index + 2);
  if (open >= 0) index = open;
  const tag = /\{\{~?\s*([#^/])\s*\*?([^\s}~]*)/g;
  tag.lastIndex = index;
  const first = tag.exec(text);
  if (!first || first[1] === '/') return undefined;
  const place = (i: number) => {
    const before = text.slice(0, i);
    return { line: before.split('\n').length, col: i - before.lastIndexOf('\n') };
  };
  let depth = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1] === '/') {
      if (depth === 0) return { ...place(m.index), opened: place(first.index) };
      depth--;
    } else if (m[2]) depth++;
  }
  return undefined;
}
