// The TCP story over real loopback sockets: a crashed server forgets its connections without a
// FIN, and after its restart answers the client's next segment with a real RST, which the client's
// kernel reports as ECONNRESET; every TCP rule (handshake, data, close, a server error, a server
// that is down) gives the same segments, states and outcomes as the simulation.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { noteBlocks } from '../../../src/diagram/note';
import type { TraceEvent } from '../../../src/engine/trace';
import { runScenarioReal } from '../../../src/real/runReal';
import { RealTcpLab } from '../../../src/real/tcpLab';
import { builtinScenario } from '../../../src/scenario/builtins';
import { parseScenario } from '../../../src/scenario/parse';
import { runScenario, topologyOf } from '../../../src/scenario/run';
import type { Scenario } from '../../../src/scenario/scenario';

/** What a socket heard before `until` settles: data, a FIN, an error code. */
function listen(socket: Socket): string[] {
  const heard: string[] = [];
  socket.on('data', (chunk: Buffer) => heard.push(`data ${chunk.length}`));
  socket.on('end', () => heard.push('FIN'));
  socket.on('error', (error: NodeJS.ErrnoException) => heard.push(error.code ?? error.message));
  return heard;
}

function outcomes(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((event) => (event.type === 'request-outcome' ? [`${event.request}: ${event.ok ? 'ok' : `${event.reason ?? '?'} ${event.status}`}`] : []));
}

/** An event without what real time and real headers change. */
function shape(event: TraceEvent): unknown {
  return { ...event, time: undefined, ...('bytes' in event ? { bytes: undefined } : {}) };
}

const EVERY_RULE = `version: 1
title: Every TCP rule
protocol: tcp
state: server
servers: 1
clients: [Client]
steps:
  - { from: Client, send: connect, expect: ok }
  - { from: Client, send: send, data: 안녕하세요, expect: ok }
  - { from: Client, send: close, expect: ok }
  - { from: Client, send: send, data: late, expect: fail }
  - { error: next }
  - { from: Client, send: connect, expect: fail }
  - { from: Client, send: connect, expect: ok }
  - { error: next }
  - { from: Client, send: send, data: oops, expect: fail }
  - { from: Client, send: connect, expect: ok }
  - { crash: Server }
  - { from: Client, send: send, data: anyone?, expect: fail }
  - { restart: Server }
  - { from: Client, send: send, data: still there?, expect: fail }
  - { from: Client, send: connect, expect: ok }
  - { from: Client, send: close, expect: ok }
`;

describe('real mode: TCP over real loopback sockets', function () {
  this.timeout(60_000);

  it('gives the client a real RST (ECONNRESET) on its first segment after the crash and restart, and nothing before', async () => {
    const scenario = builtinScenario('tcp-connection')?.scenario;
    assert.ok(scenario !== undefined);
    const real = await RealTcpLab.open(topologyOf(scenario));
    // A connection of the test's own, made before the crash, hears what any client of the machine would.
    const [host, port] = real.addressOf('Server').split(':');
    const bystander = connect({ host, port: Number(port) });
    const heard = listen(bystander);
    try {
      await once(bystander, 'connect');
      real.send('Client', 'connect');
      await real.settled();
      real.send('Client', 'send', { data: 'hello' });
      await real.settled();
      real.crash('Server');
      real.restart('Server');
      await real.settled();
      // Let anything the crash might have sent (a FIN, a RST) reach the sockets.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(real.socketErrors, [], 'the crash sent nothing to the story\'s client');
      assert.deepEqual(heard, [], 'the crash sent nothing to another connection either (a dead machine sends no FIN)');

      const failed = real.send('Client', 'send', { data: 'still there?' });
      await real.settled();
      assert.deepEqual(real.socketErrors, [{ client: 'c1', connection: 'c1:1', code: 'ECONNRESET' }], 'the client\'s kernel reported a reset');
      const outcome = real.lab.trace.find((event) => event.type === 'request-outcome' && event.requestId === failed);
      assert.ok(outcome?.type === 'request-outcome' && !outcome.ok && outcome.reason === 'connection-reset', 'the send failed as a reset');

      // once() would reject on the socket's error: the error is what is listened for.
      const closed = new Promise((resolve) => bystander.once('close', resolve));
      bystander.write('anyone?');
      await closed;
      assert.deepEqual(heard, ['ECONNRESET'], 'the restarted server resets a connection it does not know');

      real.send('Client', 'connect');
      await real.settled();
      real.send('Client', 'send', { data: 'again' });
      await real.settled();
      assert.deepEqual(outcomes(real.lab.trace), ['connect: ok', 'send: ok', 'send: connection-reset 0', 'connect: ok', 'send: ok']);
    } finally {
      bystander.destroy();
      await real.close();
    }
  });

  it('plays every TCP rule as the simulation does: handshake, data, close, a server error (before the handshake and on an open connection), a server that is down', async () => {
    const parsed = parseScenario(EVERY_RULE, 'yaml');
    assert.ok(parsed.ok, 'the scenario is valid');
    const scenario: Scenario = parsed.scenario;
    const simulated = runScenario(scenario);
    const real = await runScenarioReal(scenario);
    assert.deepEqual(outcomes(real.trace), ['connect: ok', 'send: ok', 'close: ok', 'send: rejected 400', 'connect: server-error 500', 'connect: ok', 'send: server-error 500', 'connect: ok', 'send: server-down 502', 'send: connection-reset 0', 'connect: ok', 'close: ok']);
    assert.deepEqual(real.trace.map(shape), simulated.trace.map(shape), 'the same segments, states and outcomes, in the same order');
    assert.deepEqual(real.expectations.map((mark) => mark.held), simulated.expectations.map((mark) => mark.held));
    // Every expect mark is checked, the send the client refuses itself (after its own close) too.
    assert.deepEqual(simulated.expectations.map((mark) => [mark.step, mark.held]), scenario.steps.flatMap((step, index) => ('expect' in step && step.expect !== undefined ? [[index, true]] : [])));
    for (const language of ['en', 'ko'] as const) assert.deepEqual(noteBlocks(real, language), noteBlocks(simulated, language), `the same diagram (${language})`);
    const data = real.trace.find((event) => event.type === 'message-sent' && event.label.en.startsWith('DATA'));
    assert.ok(data?.type === 'message-sent' && data.bytes === 52 + 15, 'the data segment counts its 15 real bytes (안녕하세요 in UTF-8) behind a 52-byte header');
  });

  it('refuses what a real TCP run cannot do, with the reason', async () => {
    const scenario = builtinScenario('tcp-connection')?.scenario;
    assert.ok(scenario !== undefined);
    await assert.rejects(RealTcpLab.open({ ...topologyOf(scenario), relay: 'round-robin' }), /a TCP story behind a relay is not played over real sockets: the real relay is an HTTP proxy/);
    const real = await RealTcpLab.open(topologyOf(scenario));
    try {
      assert.throws(() => { real.dropNext(); }, /drop: next is not played in a TCP story over real sockets: the kernel resends a lost segment by itself/);
    } finally {
      await real.close();
    }
  });
});
