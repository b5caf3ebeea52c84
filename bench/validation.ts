// Validation benchmark: how long a scenario file of 1,000 and 10,000 steps takes to check, valid and
// full of problems, as YAML and JSON (the same function the editor runs as you type and the CLI runs).
// Linear means 10,000 steps take about ten times what 1,000 do.
import { parseScenario, type ScenarioFormat } from '../src/scenario/parse';
import { hostileFiles } from './hostileFiles';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

function file(steps: number, broken: boolean, format: ScenarioFormat): string {
  const step = broken ? { from: 'Client', send: 'buy' } : { from: 'Client', send: 'price', item: 'laptop' };
  if (format === 'json') return JSON.stringify({ version: 1, title: 'Bench', protocol: 'shop', steps: Array.from({ length: steps }, () => step) });
  const line = broken ? '  - { from: Client, send: buy }\n' : '  - { from: Client, send: price, item: laptop }\n';
  return `version: 1\ntitle: Bench\nprotocol: shop\nsteps:\n${line.repeat(steps)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

console.log(`Validation benchmark: median of ${RUNS} runs each (Node ${process.version})`);
for (const format of ['yaml', 'json'] as const) {
  for (const broken of [false, true]) {
    const times: number[] = [];
    for (const steps of [1000, 10_000]) {
      const text = file(steps, broken, format);
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const parsed = parseScenario(text, format);
        samples.push(performance.now() - started);
        if (parsed.ok === broken) throw new Error(`expected ${broken ? 'problems' : 'a scenario'}`);
      }
      times.push(median(samples));
      console.log(`${format.padEnd(5)} ${String(steps).padStart(6)} steps ${broken ? 'each a problem' : 'all valid     '}  ${median(samples).toFixed(1).padStart(7)} ms  (${(text.length / 1024).toFixed(0)} KB)`);
    }
    const [small, large] = times;
    console.log(`      10,000 vs 1,000 steps: ${((large ?? 0) / Math.max(small ?? 1, 0.001)).toFixed(1)}× (linear is about 10×; target: 10,000 steps well under a second)`);
  }
}

// The worst mixes of problems (the file is refused: the time is how long it takes to say why). Each run once: before linear
// validation some took minutes.
console.log('Hostile files: one run each (target: each well under a second)');
const only = process.env['BENCH_HOSTILE'];
for (const hostile of hostileFiles(Number(process.env['BENCH_STEPS'] ?? 20_000))) {
  if (only !== undefined && !hostile.name.includes(only)) continue;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const parsed = parseScenario(hostile.text, hostile.format);
  const elapsed = performance.now() - started;
  // CPU time beside the wall clock: on a shared machine the wall clock also counts the others' work.
  const used = process.cpuUsage(cpu);
  if (parsed.ok) throw new Error(`expected problems in ${hostile.name}`);
  const first = (parsed.issues[0]?.message ?? '').slice(0, 60);
  console.log(`${hostile.format.padEnd(5)} ${hostile.name.padEnd(36)} ${elapsed.toFixed(1).padStart(8)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(5)} ms)  ${(hostile.text.length / 1024).toFixed(0).padStart(4)} KB, ${parsed.total} problems: ${first}`);
}
