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

/** A scenario file the panel was playing (its URI as a string), or undefined. */
export function restoredScenarioFile(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('scenarioId' in state)) return undefined;
  const id = state.scenarioId;
  // URIs of scenario files only: the name must say so, so a crafted state cannot open anything else.
  return typeof id === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(id) && /\.protocol-lab\.(json|ya?ml)$/i.test(id) ? id : undefined;
}
