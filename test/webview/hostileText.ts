// Text that tends to break diagrams, for the fuzzed Chromium tests: Mermaid syntax, HTML, entities,
// KaTeX math, newlines, emoji, Korean.
import fc from 'fast-check';

const PIECES = [
  ';', '#', ':', '%%', '<', '>', '&', '"', "'", '\n', '\r\n', 'end', ' end ', '-->>', '->>', '-x', '--)', 'participant', 'Note over', 'alt',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<b>bold</b>', '😀', '👨‍👩‍👧', '한국어 이름', 'S:1', '#59;', '#35;', '#36;', '<br>', '{', '}',
  '\\', '`', '|', '[x]', '()', '  ', '\t', 'a&amp;b', 'javascript:alert(1)', '%%{init: {"theme":"dark"}}%%',
  // Mermaid hands $$…$$ to KaTeX (a parse error, or a formula instead of the text).
  '$', '$$', '$$^$$', '$$x^2$$', '$x$', '\\(x\\)', '\\[x\\]', '^', '_', '~', '*', '**b**', '&nbsp;', '&#36;',
];

export const hostile = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
