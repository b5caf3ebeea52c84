// A fixed client/server exchange (the stateful note's login) for the first slice.
// The simulation engine replaces this with real runs.

export interface ExchangeStep {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly reply?: boolean;
}

export const loginExchange: readonly ExchangeStep[] = [
  { from: 'Client', to: 'Server', text: 'Login Request' },
  { from: 'Server', to: 'Server', text: 'Verify Request' },
  { from: 'Server', to: 'Server', text: 'Store Client Information' },
  { from: 'Server', to: 'Client', text: 'Login Response', reply: true },
];

export function exchangeToMermaid(steps: readonly ExchangeStep[]): string {
  const lines = ['sequenceDiagram'];
  for (const step of steps) {
    lines.push(`    ${step.from}${step.reply === true ? '-->>' : '->>'}${step.to}: ${step.text}`);
  }
  return lines.join('\n');
}
