// What the lab webview keeps across a window reload (VS Code hands it to the serializer): the
// scenario that was playing. It comes back as untrusted data, so it is checked.
import { builtinScenario } from '../scenario/builtins';

export const FIRST_STORY = 'login-stateful';

export interface PanelState {
  readonly scenarioId: string;
}

/** The scenario to replay after a reload; the first story when the state is missing or unknown. */
export function restoredScenarioId(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'scenarioId' in state) {
    const id = state.scenarioId;
    if (typeof id === 'string' && builtinScenario(id) !== undefined) return id;
  }
  return FIRST_STORY;
}
