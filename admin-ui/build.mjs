// Puts the npm-installed libraries the UI loads where csms serves them (admin-ui/vendor/, not committed).
// The UI itself is plain ES modules and needs no bundling.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const vendored = [
  // Apache ECharts, the ES-module build: `import * as echarts from '../vendor/echarts.js'`.
  ['node_modules/echarts/dist/echarts.esm.min.mjs', 'vendor/echarts.js'],
];

mkdirSync(join(root, 'vendor'), { recursive: true });
for (const [from, to] of vendored) {
  copyFileSync(join(root, from), join(root, to));
  console.log(`admin-ui: ${from} -> ${to}`);
}
