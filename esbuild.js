// Builds the extension host bundle, the webview bundle and the compiled tests.
//   node esbuild.js [--watch] [--production] [--no-tests] [--bench]
// --bench: the webview bundle minified as it ships (the webview benchmark measures that), tests too.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = !production && !process.argv.includes('--no-tests');
const shippedWebview = production || process.argv.includes('--bench');

/** Copies the webview's stylesheet next to its script (the only folder the webview may read). */
const copyMedia = {
  name: 'copy-media',
  setup(build) {
    build.onEnd(() => {
      fs.mkdirSync('dist/webview', { recursive: true });
      fs.copyFileSync('media/lab.css', 'dist/webview/lab.css');
      // VS Code's icon font for the panel's buttons (webviews do not get the workbench's own).
      for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join('node_modules', '@vscode', 'codicons', 'dist', file), path.join('dist', 'webview', file));
      // Contributed through jsonValidation: completion and hover in *.protocol-lab.json files.
      fs.copyFileSync('src/scenario/scenario.schema.json', 'dist/scenario.schema.json');
    });
  },
};

/** Prints errors in the `file:line:col: message` form VS Code's problem matchers read. */
const reportProblems = {
  name: 'report-problems',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

/** Unbundled test output keeps `require('./x.json')`: put the JSON files next to the compiled code. */
const copyJson = {
  name: 'copy-json',
  setup(build) {
    build.onEnd(() => {
      for (const file of listFiles('src', '.json')) {
        fs.mkdirSync(path.join('out', path.dirname(file)), { recursive: true });
        fs.copyFileSync(file, path.join('out', file));
      }
    });
  },
};

function listFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix) && !file.endsWith('.d.ts'))
    .map((file) => path.join(dir, file));
}

/**
 * Mermaid bundles layout engines and math rendering for diagram types the lab never draws (ELK,
 * Cytoscape, KaTeX, and the Langium parsers of the newer diagram types: 3 MB of the 5 MB). They are loaded only by those diagram types, so the lab's
 * bundle gets a stand-in that fails loudly if anything ever asks for them: the webview loads faster.
 */
const UNUSED_BY_THE_LAB = /^(elkjs|cytoscape|cytoscape-fcose|cytoscape-cose-bilkent|katex|@mermaid-js\/parser)(\/.*)?$/;
const leaveOutUnusedLayouts = {
  name: 'leave-out-unused-layouts',
  setup(build) {
    build.onResolve({ filter: UNUSED_BY_THE_LAB }, (args) => ({ path: args.path, namespace: 'unused-by-the-lab' }));
    // Mermaid loads each diagram type (and the layouts only they use) by a dynamic import when a
    // diagram of that type is drawn: all but the sequence diagram get the stand-in too. This is 1.4 MB
    // of the 2.4 MB minified bundle, parsed at every panel open. Static imports (shared code) are kept.
    build.onResolve({ filter: /^\.\/.*\.mjs$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.importer.includes(`${path.sep}mermaid${path.sep}dist${path.sep}`) || /(^|\/)sequenceDiagram-[^/]*\.mjs$/.test(args.path)) return undefined;
      return { path: args.path.replace(/\.mjs$/, ''), namespace: 'unused-by-the-lab' };
    });
    build.onLoad({ filter: /.*/, namespace: 'unused-by-the-lab' }, (args) => ({
      loader: 'js',
      contents: `const missing = () => { throw new Error(${JSON.stringify(`${args.path} is not in the Protocol Lab bundle: the lab draws sequence diagrams only`)}); };
module.exports = new Proxy(missing, { get: (target, key) => (key === '__esModule' ? false : missing), apply: missing, construct: missing });`,
    }));
  },
};

/**
 * Mermaid loads the sequence diagram by a dynamic import. esbuild, bundling without splitting, turns a
 * dynamically imported module and everything it imports into lazily initialised wrappers, and those
 * keep all of d3 and Mermaid's shared chunks (110 kB, evaluated at every panel open). The lab draws
 * only sequence diagrams: import that one statically, and the bundle keeps what it uses. The build
 * fails loudly if Mermaid's code no longer reads as expected.
 */
const MERMAID_SEQUENCE_IMPORT = /await import\("(\.\/chunks\/mermaid\.core\/sequenceDiagram-[A-Za-z0-9_-]+\.mjs)"\)/;
const importSequenceDiagramStatically = {
  name: 'import-sequence-diagram-statically',
  setup(build) {
    build.onLoad({ filter: /[\\/]mermaid[\\/]dist[\\/]mermaid\.core\.mjs$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const found = MERMAID_SEQUENCE_IMPORT.exec(source);
      if (found === null) throw new Error(`${args.path}: Mermaid no longer imports its sequence diagram as expected; update importSequenceDiagramStatically in esbuild.js`);
      return { loader: 'js', contents: `import * as sequenceDiagramModule from "${found[1]}";\n${source.replace(MERMAID_SEQUENCE_IMPORT, 'sequenceDiagramModule')}` };
    });
  },
};

/**
 * Mermaid's getConfig() deep-copies its whole configuration (every diagram type's defaults and the
 * theme) on each call, and the sequence diagram calls it for every message it parses and draws:
 * a fifth of the time of each live-tail render. The copy is made once per configuration instead;
 * the configuration is replaced (not changed in place) by every render's setup, so each render
 * still starts from a fresh copy. Build fails loudly if Mermaid's code no longer reads as expected.
 */
const MERMAID_GET_CONFIG = 'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';
const copyMermaidConfigOnce = {
  name: 'copy-mermaid-config-once',
  setup(build) {
    build.onLoad({ filter: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/]chunk-[^\\/]+\.mjs$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes('var getConfig = ')) return undefined;
      if (!source.includes(MERMAID_GET_CONFIG)) throw new Error(`${args.path}: Mermaid's getConfig changed; update copyMermaidConfigOnce in esbuild.js`);
      return {
        loader: 'js',
        contents: source.replace(MERMAID_GET_CONFIG, `var copiedConfig, copiedFrom;
var getConfig = /* @__PURE__ */ __name(() => {
  if (copiedFrom !== currentConfig) { copiedConfig = assignWithDepth_default({}, currentConfig); copiedFrom = currentConfig; }
  return copiedConfig;
}, "getConfig");`),
      };
    });
  },
};

const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', plugins: [reportProblems] };

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
  },
  {
    // Scenario files are checked in a worker thread, next to the extension's bundle.
    ...common,
    entryPoints: ['src/scenarioFiles/checkWorker.ts'],
    outfile: 'dist/checkWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // jsonc-parser's UMD entry requires its parts at run time; its ESM entry bundles.
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    // One script for the lab and the comparison pages (webview/entry.ts picks): Mermaid is bundled once.
    entryPoints: ['webview/entry.ts'],
    outfile: 'dist/webview/lab.js',
    minify: shippedWebview,
    sourcemap: !shippedWebview,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // One file: code-split chunks would be blocked by the nonce-only script CSP.
    splitting: false,
    plugins: [reportProblems, copyMedia, leaveOutUnusedLayouts, importSequenceDiagramStatically, copyMermaidConfigOnce],
  },
];

if (withTests) {
  // Benchmarks measure the engine as it ships: bundled, like dist/extension.js and dist/cli.js.
  targets.push({
    ...common,
    entryPoints: listFiles('bench', '.ts').filter((file) => !file.includes(`pages${path.sep}`)),
    outdir: 'out/bench',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['playwright-core', 'autocannon'],
  });
  // The webview benchmark's floor: the lab's Mermaid alone, built and minified as the lab's bundle is.
  targets.push({
    ...common,
    entryPoints: { mermaidOnly: 'bench/browser/pages/mermaidOnly.ts' },
    outdir: 'out/bench/pages',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: shippedWebview,
    sourcemap: false,
    plugins: [reportProblems, leaveOutUnusedLayouts, importSequenceDiagramStatically, copyMermaidConfigOnce],
  });
  // Pages that load Mermaid 12 and Mermaid 10 in Chromium to check generated diagrams with Mermaid's own parser.
  targets.push({
    ...common,
    entryPoints: { mermaid12: 'test/webview/pages/mermaid12.ts', mermaid11: 'test/webview/pages/mermaid11.ts', mermaid10: 'test/webview/pages/mermaid10.ts' },
    outdir: 'out/mermaid-check',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
  });
  // Mermaid 12 with the lab bundle's change: a test checks it draws what plain Mermaid 12 draws.
  targets.push({
    ...common,
    entryPoints: { mermaid12lab: 'test/webview/pages/mermaid12lab.ts' },
    outdir: 'out/mermaid-check',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
    plugins: [reportProblems, importSequenceDiagramStatically, copyMermaidConfigOnce],
  });
  // Tests and the code they reach, compiled file by file so mocha can load them in Node or in VS Code.
  targets.push({
    entryPoints: [...listFiles('src', '.ts'), ...listFiles('test', '.ts').filter((file) => !file.includes(`pages${path.sep}`))],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [reportProblems, copyJson],
  });
}

async function main() {
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[watch] build finished, watching for changes');
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
