import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const SW_PLACEHOLDER = "const BUILD = { version: 'dev', files: [] };";

/**
 * Offline app shell: after the build, writes into dist/sw.js (copied from public/) the list
 * of every JS and CSS file of this build, so the service worker precaches all of them at
 * install and an offline reload draws the app, lazy pages included. The cache version is a
 * hash of that list (the file names carry content hashes), so each build replaces the last.
 */
function precacheShell(): Plugin {
  let outDir = 'dist';
  let files: string[] = [];
  return {
    name: 'hirehall-precache-shell',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      files = Object.keys(bundle)
        .filter((name) => /\.(js|css)$/.test(name))
        .map((name) => `/${name}`)
        .sort();
    },
    closeBundle() {
      const swPath = path.join(outDir, 'sw.js');
      const source = fs.readFileSync(swPath, 'utf8');
      if (!source.includes(SW_PLACEHOLDER)) {
        throw new Error(`sw.js: the line «${SW_PLACEHOLDER}» is missing`);
      }
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const build = `const BUILD = ${JSON.stringify({ version, files })};`;
      fs.writeFileSync(swPath, source.replace(SW_PLACEHOLDER, build));
    },
  };
}

/**
 * Writes `name.br` and `name.gz` beside every JS and CSS file and index.html; the server sends
 * them to browsers that accept them (@fastify/static `preCompressed`), so nothing is
 * compressed per request and phones download a quarter of the bytes.
 */
function precompressAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'hirehall-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      const files = fs
        .readdirSync(assets)
        .filter((name) => /\.(js|css)$/.test(name))
        .map((name) => path.join(assets, name));
      for (const file of [...files, path.join(outDir, 'index.html')]) {
        const bytes = fs.readFileSync(file);
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(bytes, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
      }
    },
  };
}

/**
 * Two imports inside antd that put code on every page that never uses it:
 * - its form context, which every input, tooltip, dropdown and card reads, imports
 *   `FormProvider` from @rc-component/form's index; that index attaches Field, List and useForm
 *   to its default export, so the whole form library (13 KB gzipped, with the validator) came
 *   with any of those components. The provider is imported from its own module instead.
 * - ConfigProvider imports the tooltip's UniqueProvider (with @rc-component/trigger, 9 KB
 *   gzipped) for the `tooltip.unique` option, which HireHall does not set: it becomes a lazy
 *   component, loaded only if that option is ever rendered.
 * A missing line (an antd upgrade) fails the build rather than silently undoing this.
 */
const antdImportRewrites: { file: string; from: string; to: string }[] = [
  {
    file: '/antd/es/form/context.js',
    from: "import { FormProvider as RcFormProvider } from '@rc-component/form';",
    to: "import { FormProvider as RcFormProvider } from '@rc-component/form/es/FormContext';",
  },
  {
    file: '/antd/es/config-provider/index.js',
    from: "import UniqueProvider from '../tooltip/UniqueProvider';",
    to: "const UniqueProvider = /*#__PURE__*/ React.lazy(() => import('../tooltip/UniqueProvider'));",
  },
];

function narrowAntdImports(): Plugin {
  return {
    name: 'hirehall-narrow-antd-imports',
    enforce: 'pre',
    transform(code, id) {
      const file = id.replaceAll('\\', '/');
      const rewrite = antdImportRewrites.find((r) => file.endsWith(r.file));
      if (!rewrite) return null;
      if (!code.includes(rewrite.from))
        throw new Error(`${rewrite.file}: «${rewrite.from}» is missing`);
      return code.replace(rewrite.from, rewrite.to);
    },
  };
}

export default defineConfig({
  plugins: [react(), narrowAntdImports(), precacheShell(), precompressAssets()],
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/dev': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      // the server renders the public job search and fair pages (not /jobs/:id, an app page)
      '^/(jobs|jobfairs(/[^/?]+)?)/?(\\?.*)?$': 'http://127.0.0.1:3000',
    },
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 1500 },
});
