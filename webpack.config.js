// Builds the add-in: the task pane, the custom functions and the commands share one page (shared runtime).
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { productionManifest } = require('./scripts/manifest-url.cjs');

/** Dev certificates made by `npx office-addin-dev-certs install`; without them the dev server speaks http (browser mode only). */
function devHttps() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return { type: 'https', options: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))])) };
}

module.exports = (_env, argv) => {
  const production = argv.mode === 'production';
  return {
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
    },
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        // Type-checking is `npm run typecheck`; the bundle only strips types.
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext' } } } },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['functions', 'commands', 'taskpane'] }),
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
      server: devHttps() ?? 'http',
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};
