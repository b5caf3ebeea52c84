// The non-request steps of a scenario, applied to a lab (shared by the batch runner, the live lab and real mode).
import type { Step } from './scenario';
import type { StoryLab } from './storyLab';

export type OperationStep = Exclude<Step, { kind: 'request' }>;

export function applyOperation(lab: StoryLab, step: OperationStep): void {
  switch (step.kind) {
    case 'crash':
      lab.crash(step.server);
      return;
    case 'restart':
      lab.restart(step.server);
      return;
    case 'addServer':
      lab.addServer(step.server);
      return;
    case 'removeServer':
      lab.removeServer(step.server);
      return;
    case 'store':
      lab.setStore(step.up);
      return;
    case 'drop':
      lab.dropNext();
      return;
    case 'error':
      lab.failNext();
      return;
    case 'wait':
      lab.wait(step.ms);
      return;
  }
}
