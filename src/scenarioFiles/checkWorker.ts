// Runs in a worker thread: checks scenario files so that the extension host never waits for a
// large one (the host keeps serving keystrokes while a 2 MB file is read).
import { parentPort } from 'node:worker_threads';
import { parseScenario, type ScenarioFormat } from '../scenario/parse';

export interface CheckRequest {
  readonly id: number;
  readonly text: string;
  readonly format: ScenarioFormat;
}

parentPort?.on('message', (request: CheckRequest) => {
  parentPort?.postMessage({ id: request.id, parsed: parseScenario(request.text, request.format) });
});
