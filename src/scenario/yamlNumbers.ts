// js-yaml's core schema with numbers read as the yaml library's core schema reads them (1e400 is
// Infinity there, text in js-yaml): the quick reader's values must be the precise reader's.
import { CORE_SCHEMA, defineScalarTag, NOT_RESOLVED, type Schema } from 'js-yaml';

const NUMBER_FIRST_CHARS = ['-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The yaml library's core integers, in its order: octal, decimal, hexadecimal. */
function integer(source: string): number | typeof NOT_RESOLVED {
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.slice(2), 16);
  return NOT_RESOLVED;
}

/** The yaml library's core floats: infinities and NaN, exponents, decimals. */
function float(source: string): number | typeof NOT_RESOLVED {
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return NOT_RESOLVED;
}

/** Load-only: the quick reader never writes YAML. */
const neverWritten = (): boolean => false;

export const integerTag = defineScalarTag('tag:yaml.org,2002:int', { implicit: true, implicitFirstChars: NUMBER_FIRST_CHARS, resolve: integer, identify: neverWritten });
export const floatTag = defineScalarTag('tag:yaml.org,2002:float', { implicit: true, implicitFirstChars: NUMBER_FIRST_CHARS, resolve: float, identify: neverWritten });

export const YAML_LIBRARY_CORE_SCHEMA: Schema = CORE_SCHEMA.withTags(integerTag, floatTag);
