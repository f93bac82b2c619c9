// Builds the server (apps/server/src + packages/shared) into one ES module,
// apps/server/dist/main.mjs, so a start runs plain JavaScript instead of transpiling
// TypeScript with tsx every time. Third-party packages stay external: node loads them from
// node_modules as usual (PGlite's wasm and data files, argon2's native addon, sharp, the
// fonts pdfkit reads all keep their own paths). `import.meta.url` in our sources keeps
// meaning "this source file", so paths computed from it (migrations, web/dist) still hold.
// Usage: node scripts/build-server.mjs [--force]; start.mjs and the benchmarks call
// ensureServerBuild(), which rebuilds only when a source is newer than the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'apps/server/dist');
export const serverBundle = path.join(outDir, 'main.mjs');
const sourceDirs = [path.join(root, 'apps/server/src'), path.join(root, 'packages/shared/src')];
const sourceFiles = [
  path.join(root, 'apps/server/package.json'),
  path.join(root, 'packages/shared/package.json'),
  fileURLToPath(import.meta.url),
];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than any server or shared source. */
export function serverBuildStale() {
  if (!fs.existsSync(serverBundle)) return true;
  const built = fs.statSync(serverBundle).mtimeMs;
  const newest = Math.max(
    ...sourceDirs.map(newestMtime),
    ...sourceFiles.map((f) => fs.statSync(f).mtimeMs),
  );
  return newest > built;
}

/**
 * CommonJS packages that are heavy to load and only used inside request handlers (exports,
 * imports, CSV, PDFs' QR codes, rich-text cleaning): our sources' `import X from 'pkg'` gets a
 * stand-in that requires the package on first use. Only packages whose `require()` is the very
 * object `import` gives belong here (checked at build time). Packages with an ESM build of their
 * own (pdfkit, sharp, nodemailer) are loaded with `await import()` where they are used.
 */
const lazyPackages = ['exceljs', 'qrcode', 'sanitize-html', 'papaparse'];

const lazyModule = (name) => `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
let loaded;
const load = () => (loaded ??= require(${JSON.stringify(name)}));
export default new Proxy(function () {}, {
  get: (_t, key) => Reflect.get(load(), key),
  has: (_t, key) => Reflect.has(load(), key),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_t, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
  apply: (_t, self, args) => Reflect.apply(load(), self, args),
  construct: (_t, args) => Reflect.construct(load(), args),
});
`;

async function assertLazySafe() {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(root, 'apps/server/package.json'));
  for (const name of lazyPackages) {
    // by the bare name, as our sources import it: a package with an ESM build of its own
    // (its `import` condition) gives another object than require() and must not be here
    const viaImport = (await import(name)).default;
    if (require(name) !== viaImport) throw new Error(`${name}: require() differs from import`);
  }
}

/** Our own sources: everything under the repository that is not in a node_modules folder. */
const ownSource = (p) =>
  p.startsWith(root + path.sep) && !p.includes(`${path.sep}node_modules${path.sep}`);

export async function buildServer() {
  const esbuild = await import('esbuild');
  const started = performance.now();
  await assertLazySafe();
  // Write next to the bundle and rename, so a server starting meanwhile never reads half a file.
  const tmp = `${serverBundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [path.join(root, 'apps/server/src/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'hirehall-externals',
        setup(build) {
          // Bare imports are third-party packages (external) except our workspace packages,
          // which are TypeScript and so are bundled.
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@hirehall/')) return undefined;
            if (lazyPackages.includes(args.path) && args.kind === 'import-statement') {
              return { path: args.path, namespace: 'lazy' };
            }
            if (path.isAbsolute(args.path)) return undefined;
            return { path: args.path, external: true };
          });
          build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
            contents: lazyModule(args.path),
            loader: 'js',
            resolveDir: root,
          }));
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            if (!ownSource(args.path)) return undefined;
            let contents = await fs.promises.readFile(args.path, 'utf8');
            if (contents.includes('import.meta.url')) {
              const rel = path.relative(outDir, args.path).split(path.sep).join('/');
              contents = contents.replaceAll(
                'import.meta.url',
                `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
              );
            }
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  fs.renameSync(`${tmp}.map`, `${serverBundle}.map`);
  // the bundle names its map after the temporary file: point it at the final one
  const code = fs
    .readFileSync(tmp, 'utf8')
    .replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=main.mjs.map\n`);
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, serverBundle);
  return Math.round(performance.now() - started);
}

/** Builds the bundle when it is missing or stale; returns whether it built. */
export async function ensureServerBuild({ quiet = false } = {}) {
  if (!serverBuildStale()) return false;
  if (!quiet) console.log('Building the server (first start or sources changed)…');
  const ms = await buildServer();
  if (!quiet) console.log(`Server built in ${ms} ms.`);
  return true;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const force = process.argv.includes('--force');
  if (force) console.log(`Server built in ${await buildServer()} ms.`);
  else if (!(await ensureServerBuild())) console.log('Server bundle is up to date.');
}
