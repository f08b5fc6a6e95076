// Builds the add-in: the task pane, the custom functions and the commands share one page (shared runtime).
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { productionManifest } = require('./scripts/manifest-url.cjs');
const { publishedMetadata } = require('./scripts/functions-metadata.cjs');

/** Rewrites the functions.json the metadata plugin emitted into what the add-in publishes (scripts/functions-metadata.cjs). */
class PublishedFunctionsMetadata {
  constructor(asset = 'functions.json') {
    this.asset = asset;
  }

  // The metadata plugin puts its asset in place when each compilation (child compilations too) is created; this
  // tap, made after it, replaces it there at once, so every compilation carries the same published content.
  apply(compiler) {
    const { sources } = compiler.webpack;
    compiler.hooks.compilation.tap('PublishedFunctionsMetadata', (compilation) => {
      const asset = compilation.assets[this.asset];
      if (asset) compilation.assets[this.asset] = new sources.RawSource(publishedMetadata(asset.source().toString()));
    });
  }
}

/** The command that makes (and trusts) the dev certificates Office needs to load the add-in from localhost. */
const DEV_CERTS_COMMAND = 'npx office-addin-dev-certs install';

/** Dev certificates made by `npx office-addin-dev-certs install`, or undefined when they are missing. */
function devHttps(home = os.homedir()) {
  const dir = path.join(home, '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return { type: 'https', options: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))])) };
}

/**
 * What the dev server speaks. Office loads an add-in only over https, so
 * without the dev certificates the server refuses to start (an http server
 * would look fine and leave Excel with a blank pane) and names the command
 * that makes them. `--env http` asks for plain http on purpose: browser mode
 * only, never sideloaded.
 */
function devServerProtocol(env = {}, home = os.homedir()) {
  const https = devHttps(home);
  if (https) return https;
  if (env.http) return 'http';
  throw new Error(
    `The dev certificates are missing (${path.join(home, '.office-addin-dev-certs')}), and Office loads add-ins over https only.\n` +
      `Make them with:  ${DEV_CERTS_COMMAND}\n` +
      'then run `npm run dev-server` again. For browser mode only (no Excel), `npm run dev-server:http` serves plain http on 127.0.0.1:3000.',
  );
}

const config = (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  // Only `webpack serve` needs the certificates; a build does not.
  const serving = Boolean(env.WEBPACK_SERVE);
  return {
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
    },
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: true },
    // csv-parse's Node build needs Node's Buffer; its browser build brings its own (browser mode reads CSV in the engine worker).
    resolve: { extensions: ['.ts', '.tsx', '.js'], alias: { 'csv-parse/sync$': 'csv-parse/browser/esm/sync' } },
    module: {
      rules: [
        // Type-checking is `npm run typecheck`; the bundle only strips types.
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext' } } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new PublishedFunctionsMetadata('functions.json'),
      // The bundles go at the end of <head>, deferred: after the template's synchronous office.js, which must run
      // before any of them (scripts/check-taskpane-html.cjs checks the built page in the e2e suite).
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'commands', 'taskpane'],
        inject: 'head',
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => (production ? productionManifest(content.toString()) : content) },
        ],
      }),
    ],
    // A budget, not a hint: the pane must stay under 1 MiB minified (ExcelJS alone was 925 KiB; browser mode now uses the package adapter).
    performance: { hints: production ? 'error' : false, maxEntrypointSize: 1_048_576, maxAssetSize: 1_048_576 },
    stats: production ? { assets: true, modules: false, entrypoints: false, children: false } : 'minimal',
    devServer: {
      port: 3000,
      host: '127.0.0.1',
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: serving ? devServerProtocol(env) : 'http',
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};

module.exports = config;
module.exports.devServerProtocol = devServerProtocol;
module.exports.DEV_CERTS_COMMAND = DEV_CERTS_COMMAND;
