// Where a path of a YAML document is written, found in js-yaml's events, with the yaml library's
// ranges (what the precise reader underlines): a scalar with its quotes, a flow collection up to
// its closing bracket, a block collection up to the end of its last line. Where the events cannot
// say that exactly (a block scalar, an empty value, a comment line after a block) the answer is
// undefined, and the caller asks the yaml library.
import { COLLECTION_STYLE, EVENT_ID, getScalarValue, SCALAR_STYLE, type Event, type MappingEvent, type ScalarEvent, type SequenceEvent } from 'js-yaml';
import type { Span } from './reading';

type Path = readonly (string | number)[];

/** As the yaml library reads a list index from a path: a whole number, or text that is one. */
function itemIndex(segment: string | number): number | undefined {
  const index = typeof segment === 'string' && segment !== '' ? Number(segment) : segment;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** `closes` holds, for each collection's event, the index of the event that closes it. */
export function eventPlaces(text: string, events: readonly Event[], closes: Int32Array): (path: Path) => Span | undefined {
  const isCollection = (event: Event | undefined): event is SequenceEvent | MappingEvent => event?.type === EVENT_ID.SEQUENCE || event?.type === EVENT_ID.MAPPING;
  /** The index of the node after the one at `index`, past its children. */
  const after = (index: number): number => (isCollection(events[index]) ? (closes[index] ?? index) + 1 : index + 1);

  function childAt(index: number, segment: string | number): number | undefined {
    const node = events[index];
    if (node?.type === EVENT_ID.MAPPING) {
      if (typeof segment !== 'string') return undefined;
      for (let key = index + 1; events[key]?.type === EVENT_ID.SCALAR; key = after(key + 1)) {
        if (getScalarValue(text, events[key] as ScalarEvent) === segment) return key + 1;
      }
    } else if (node?.type === EVENT_ID.SEQUENCE) {
      const wanted = itemIndex(segment);
      if (wanted === undefined) return undefined;
      let item = index + 1;
      for (let count = 0; count < wanted && events[item]?.type !== EVENT_ID.POP; count++) item = after(item);
      return events[item]?.type === EVENT_ID.POP ? undefined : item;
    }
    return undefined;
  }

  /** Past the closing quote of a quoted scalar, or the end of a plain one. */
  function scalarEnd(scalar: ScalarEvent): number | undefined {
    if (scalar.valueStart === -1) return undefined;
    if (scalar.style === SCALAR_STYLE.PLAIN) return scalar.valueEnd;
    const quote = scalar.style === SCALAR_STYLE.DOUBLE_QUOTED ? '"' : scalar.style === SCALAR_STYLE.SINGLE_QUOTED ? "'" : undefined;
    return quote !== undefined && text[scalar.valueStart - 1] === quote && text[scalar.valueEnd] === quote ? scalar.valueEnd + 1 : undefined;
  }

  /** Past the bracket that closes a flow collection whose last child ends at `from`. */
  function bracketAfter(from: number): number | undefined {
    for (let at = from; at < text.length; at++) {
      const char = text[at];
      if (char === '}' || char === ']') return at + 1;
      if (char === '#' && /\s/.test(text[at - 1] ?? '')) at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
      else if (char !== ',' && !/\s/.test(char ?? '')) return undefined;
    }
    return undefined;
  }

  /** Past a node's own line in block context: trailing spaces, a comment, one line break (the yaml library's node end). */
  function lineEnd(from: number): number | undefined {
    let at = from;
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (text[at] === '#') at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
    if (text[at] === '\n') return at + 1;
    return at === text.length ? at : undefined;
  }

  /** Whether a comment line follows `at` (after blank lines): the yaml library counts some of them into a block's end. */
  function commentFollows(at: number): boolean {
    for (let next = at; next < text.length; next++) {
      const char = text[next];
      if (char === '#') return true;
      if (char !== ' ' && char !== '\t' && char !== '\r' && char !== '\n') return false;
    }
    return false;
  }

  function lastChild(index: number): number | undefined {
    let last: number | undefined;
    for (let child = index + 1; events[child] !== undefined && events[child]?.type !== EVENT_ID.POP; child = after(child)) last = child;
    return last;
  }

  /** Where the node's text ends (the yaml library's range[1]). */
  function valueEnd(index: number): number | undefined {
    const node = events[index];
    if (node?.type === EVENT_ID.SCALAR) return scalarEnd(node);
    if (!isCollection(node)) return undefined;
    const last = lastChild(index);
    if (node.style === COLLECTION_STYLE.FLOW) {
      const from = last === undefined ? node.start + 1 : valueEnd(last);
      return from === undefined ? undefined : bracketAfter(from);
    }
    if (last === undefined) return undefined;
    const end = valueEnd(last);
    if (end === undefined) return undefined;
    const lastNode = events[last];
    const lastLine = !isCollection(lastNode) || lastNode.style === COLLECTION_STYLE.FLOW ? lineEnd(end) : end;
    return lastLine === undefined || commentFollows(lastLine) ? undefined : lastLine;
  }

  function valueStart(index: number): number | undefined {
    const node = events[index];
    if (isCollection(node)) return node.style !== COLLECTION_STYLE.FLOW || text[node.start] === '{' || text[node.start] === '[' ? node.start : undefined;
    if (node?.type !== EVENT_ID.SCALAR || node.valueStart === -1) return undefined;
    return node.style === SCALAR_STYLE.PLAIN ? node.valueStart : node.valueStart - 1;
  }

  return (path) => {
    let node = 1;
    for (const segment of path) {
      const child = childAt(node, segment);
      if (child === undefined) break;
      node = child;
    }
    const start = valueStart(node);
    const end = start === undefined ? undefined : valueEnd(node);
    return start === undefined || end === undefined ? undefined : { start, end: Math.max(end, start + 1) };
  };
}
