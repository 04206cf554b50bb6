// Bundles the Node-side programs: the Electron shell (main + sandboxed preload), the browser host,
// and the programme's collector (service and CLI).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
  // A sandboxed preload cannot load modules: it is bundled whole, requiring only 'electron'.
  build({ ...common, packages: undefined, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['server/main.ts'], outfile: 'dist/server/main.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['collector/main.ts'], outfile: 'dist/collector/main.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['collector/cli.ts'], outfile: 'dist/collector/cli.mjs', format: 'esm' }),
]);
