// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(process.cwd(), 'web/src');
/** Attributes whose text a person reads or hears. */
const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
const HAS_LETTER = /\p{L}/u;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : sourceFiles(p);
    return /\.tsx$/.test(e.name) && !/\.test\.tsx$/.test(e.name) ? [p] : [];
  });
}

/** User-facing literals in JSX: text between tags, and readable attributes given as string literals. */
export function literalTexts(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(source))) {
      const init = node.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression.text
            : null;
      if (literal && HAS_LETTER.test(literal)) found.push(`${node.name.getText(source)}="${literal}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing text', () => {
  it('finds a literal when there is one (the scanner works)', () => {
    expect(literalTexts('x.tsx', 'const a = <p title="Hello">Save now</p>;')).toEqual([
      'title="Hello"',
      'Save now',
    ]);
    expect(literalTexts('x.tsx', "const a = <p title={t('k')}>{t('save')} · {n}</p>;")).toEqual([]);
  });

  it('is never written in the components: every word comes from the translation files', () => {
    const offenders = sourceFiles(SRC).flatMap((file) =>
      literalTexts(file, fs.readFileSync(file, 'utf8')).map((t) => `${path.relative(SRC, file)}: ${t}`),
    );
    expect(offenders).toEqual([]);
  });
});
