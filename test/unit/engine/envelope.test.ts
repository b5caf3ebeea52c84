import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { estimateBytes, failure, segmentPayload, success, type Payload } from '../../../src/engine/envelope';

/** The rule in one place, read off any object: a header, then every key and value carried. */
function referenceBytes(payload: Payload): number {
  let bytes = 40;
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    bytes += key.length;
    if (typeof value === 'string') bytes += value.length;
    else if (typeof value === 'number') bytes += 4;
    else if (typeof value === 'object' && value !== null) {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) bytes += inner.length + (typeof innerValue === 'string' ? innerValue.length : 4);
    }
  }
  return bytes;
}

const word = fc.string({ maxLength: 12 });
const record = fc.dictionary(word, fc.oneof(word, fc.integer()), { maxKeys: 5 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

const payloads: fc.Arbitrary<Payload> = fc.oneof(
  fc.record({ client: word, request: word, params: record, context: maybe(record), sessionId: maybe(word), token: maybe(word) })
    .map(({ client, request, params, context, sessionId, token }): Payload => ({ type: 'request', client, request, params, context, sessionId, token })),
  fc.tuple(word, word, maybe(word), maybe(fc.oneof(record, fc.constant(null))), maybe(fc.oneof(word, fc.constant(null))))
    .map(([client, server, sessionId, context, token]) => success(client, server, sessionId, context, token)),
  fc.tuple(word, fc.integer({ min: 100, max: 599 }), maybe(word)).map(([client, status, server]) => failure(client, status, 'server-down', server)),
  fc.tuple(word, fc.constantFrom('SYN' as const, 'ACK' as const, 'DATA' as const), word, maybe(word), maybe(word))
    .map(([client, segment, connection, data, server]) => segmentPayload(client, segment, connection, data, server)),
  fc.constant<Payload>({ type: 'timeout' }),
);

describe('envelope', () => {
  it('estimates the wire size as a header plus every key and value carried, for any payload', () => {
    fc.assert(fc.property(payloads, (payload) => {
      assert.equal(estimateBytes(payload), referenceBytes(payload));
    }), { numRuns: 500 });
  });
});
