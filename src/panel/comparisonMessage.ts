// What the Compare Architectures view is given: the comparison in words and diagrams, where the
// architectures part, and the Markdown a note gets. Pure (no vscode): the browser tests build it too.
import { compareStates } from '../diagram/comparison';
import { firstDivergence } from '../diagram/divergence';
import { sequenceDiagram } from '../diagram/sequenceDiagram';
import type { StatePlacement } from '../engine/model';
import type { Language } from '../engine/text';
import type { ShowComparisonMessage } from '../protocol/compareMessages';
import type { Scenario } from '../scenario/scenario';

/** What the view is given: the comparison in words and diagrams, and the Markdown a note gets. */
export function comparisonMessage(scenario: Scenario, states: readonly StatePlacement[], language: Language): { readonly message: ShowComparisonMessage; readonly markdown: string } {
  const comparison = compareStates(scenario, states, language);
  const divergence = firstDivergence(comparison.runs, language);
  const message: ShowComparisonMessage = {
    type: 'showComparison',
    title: scenario.title[language],
    description: scenario.description?.[language] ?? '',
    language,
    header: comparison.header,
    rows: comparison.rows,
    columns: comparison.runs.map((run, index) => ({
      heading: comparison.columns[index]?.heading ?? '',
      how: comparison.columns[index]?.how ?? '',
      diagrams: sequenceDiagram(run.participants, run.trace, { language, partTitles: false }).map((part) => part.mermaid),
      arrowsBefore: divergence?.arrowsBefore[index] ?? -1,
      outcome: divergence?.outcomes[index] ?? '',
    })),
    partsAt: divergence?.request ?? 0,
  };
  return { message, markdown: comparison.markdown };
}
