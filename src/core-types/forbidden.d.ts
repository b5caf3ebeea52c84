// What `tsconfig.core.json` maps vscode and Node's modules to: nothing. An import of them from the
// engine, the scenarios or the diagrams fails to type-check ("has no exported member").
export {};
