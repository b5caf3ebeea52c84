// The quick YAML reader: js-yaml's event parser reads a scenario file about five times faster than
// the yaml library (1.2 MB of steps: about 0.3 s of CPU against 1.5 s). It answers only for YAML as
// scenarios are written (one document, no tags, no anchors unless there are too many aliases to
// read, keys that are text) and there gives the precise reader's answer, value for value and
// place for place (a property test holds it to that). Anything else it leaves to the precise
// reader (yamlPrecise.ts), which also words every syntax error.
import { boolCoreTag, constructFromEvents, EVENT_ID, getScalarValue, NOT_RESOLVED, nullCoreTag, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import { positionsOf } from './lines';
import { MAX_ALIASES, MAX_NESTING, TOO_DEEP, tooManyAliases, type Parsed, type Span } from './reading';
import { eventPlaces } from './yamlEventPlaces';
import { floatTag, integerTag, YAML_LIBRARY_CORE_SCHEMA } from './yamlNumbers';
import { yamlPlaces } from './yamlPrecise';

/** What one pass over the events finds, or undefined where the precise reader must read the file. */
interface Shape {
  readonly depth: number;
  /** Where each alias's "*" is written, in the order of the text. */
  readonly aliases: readonly number[];
  readonly anchors: number;
  /** For each collection's event: the index of the event that closes it. */
  readonly closes: Int32Array;
}

/**
 * Text the two parsers read differently, left to the yaml library: a carriage return on its own
 * ends a line for js-yaml (as YAML 1.2 says) but not for the yaml library; js-yaml lets a tab
 * stand before "---" and in indentation, and takes an indented "---" for a document start, where
 * the yaml library refuses them. Scenario files have none of these.
 */
const READ_DIFFERENTLY = /\r(?!\n)|\t|^ +(?:---|\.\.\.)/m;

const MAY_NOT_BE_TEXT = /^(?:[-+.0-9~nNtTfF]|$)/;
const NON_TEXT_TAGS = [nullCoreTag, boolCoreTag, integerTag, floatTag];

/** A key the precise reader turns into the same property name: text, not a number, null or true (those are stringified differently). */
function isTextKey(text: string, key: Event): boolean {
  if (key.type !== EVENT_ID.SCALAR || key.valueStart === -1) return false;
  if (key.style !== SCALAR_STYLE.PLAIN) return true;
  const source = getScalarValue(text, key);
  // Only text starting like a number, null or a boolean can be one (most keys are not asked).
  return !MAY_NOT_BE_TEXT.test(source) || NON_TEXT_TAGS.every((tag) => tag.resolve(source, false, tag.tagName) === NOT_RESOLVED);
}

function shapeOf(text: string, events: readonly Event[]): Shape | undefined {
  const closes = new Int32Array(events.length);
  /** Open document and collections: their event index and how many child nodes they hold so far. */
  const open: { at: number; children: number }[] = [];
  const aliases: number[] = [];
  let anchors = 0;
  let depth = 0;
  let documents = 0;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as Event;
    if (event.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1 || event.directives.length > 0 || event.explicitEnd) return undefined;
      open.push({ at: index, children: 0 });
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      closes[open.pop()?.at ?? 0] = index;
      continue;
    }
    const parent = open[open.length - 1];
    if (parent === undefined) return undefined;
    if (events[parent.at]?.type === EVENT_ID.MAPPING && parent.children % 2 === 0 && !isTextKey(text, event)) return undefined;
    parent.children++;
    if (event.type === EVENT_ID.ALIAS) {
      aliases.push(event.anchorStart - 1);
      continue;
    }
    if (event.tagStart !== -1) return undefined;
    if (event.anchorStart !== -1) anchors++;
    if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) {
      open.push({ at: index, children: 0 });
      depth = Math.max(depth, open.length - 1);
    }
  }
  const root = events[1];
  if (documents !== 1 || root === undefined || root.type === EVENT_ID.POP || (root.type === EVENT_ID.SCALAR && root.valueStart === -1)) return undefined;
  return { depth, aliases, anchors, closes };
}

type Places = (path: readonly (string | number)[]) => Span;

/**
 * Reads YAML text whose nesting was already estimated; undefined where the precise reader must read it.
 * `placeExactly` places what the events cannot (tests watch how often it is asked).
 */
export function readYamlQuickly(text: string, placeExactly: (text: string) => Places = yamlPlaces): Parsed | undefined {
  if (READ_DIFFERENTLY.test(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  const shape = shapeOf(text, events);
  if (shape === undefined) return undefined;
  // In the precise reader's order: nesting, then keys given twice (js-yaml throws on them), then aliases.
  if (shape.depth > MAX_NESTING) return { issues: [TOO_DEEP] };
  let value: unknown;
  try {
    // Aliases are not expanded here (js-yaml shares the anchored value): they are counted before anything walks it.
    [value] = constructFromEvents(events, { source: text, schema: YAML_LIBRARY_CORE_SCHEMA, maxAliases: -1 });
  } catch {
    return undefined;
  }
  if (shape.aliases.length > MAX_ALIASES) return { issues: [tooManyAliases(text, positionsOf(text), shape.aliases[MAX_ALIASES] ?? 0, shape.aliases.length)] };
  if (shape.aliases.length > 0 || shape.anchors > 0) return undefined;
  const quickPlace = eventPlaces(text, events, shape.closes);
  let exactPlace: Places | undefined;
  // The few places the events cannot say exactly (a block scalar, an empty value) come from the yaml library's document.
  return { value, place: (path) => quickPlace(path) ?? (exactPlace ??= placeExactly(text))(path) };
}
