// Builds the server (apps/server/src + packages/shared) into one ES module,
// apps/server/dist/main.mjs, so a start runs plain JavaScript instead of transpiling
// TypeScript with tsx every time. The pure-JavaScript packages every request goes through
// (Fastify, zod, drizzle-orm: `bundledPackages` below) are bundled with their dependencies;
// the other third-party packages stay external: node loads them from node_modules as usual
// (PGlite's wasm and data files, argon2's native addon, sharp, the fonts pdfkit reads all keep
// their own paths). `import.meta.url` in our sources keeps meaning "this source file", so
// paths computed from it (migrations, web/dist) still hold.
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
  // the bundled packages are in the bundle: a changed install rebuilds it
  path.join(root, 'package-lock.json'),
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
    ...sourceFiles.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs),
  );
  return newest > built;
}

/**
 * CommonJS packages that are heavy to load and only used inside request handlers (exports,
 * imports, CSV, PDFs' QR codes, rich-text cleaning, captcha images with their font) or only on
 * PostgreSQL (pg): our sources' `import X from 'pkg'` gets a stand-in that requires the package
 * on first use. Only packages whose `require()` is the very object `import` gives belong here
 * (checked at build time). Packages with an ESM build of their own (pdfkit, sharp, nodemailer)
 * are loaded with `await import()` where they are used.
 */
const lazyPackages = ['exceljs', 'qrcode', 'sanitize-html', 'papaparse', 'svg-captcha', 'pg'];

/**
 * ES module packages our sources use only through async functions (file-type: detecting an
 * upload's type): the stand-in exports async functions of the same names that import the
 * package at the first call, so a start does not load it. Each listed export must be an async
 * function (checked at build time), so a caller sees the same promise either way; importing a
 * name that is not listed fails the build.
 */
const lazyAsyncExports = { 'file-type': ['fileTypeFromBuffer'] };

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

const lazyAsyncModule = (name, exports) =>
  [
    'let loaded;',
    `const load = () => (loaded ??= import(${JSON.stringify(name)}));`,
    ...exports.map(
      (e) => `export async function ${e}(...args) {\n  return (await load()).${e}(...args);\n}`,
    ),
  ].join('\n');

async function assertLazySafe() {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(root, 'apps/server/package.json'));
  for (const name of lazyPackages) {
    // by the bare name, as our sources import it: a package with an ESM build of its own
    // (its `import` condition) gives another object than require() and must not be here
    const viaImport = (await import(name)).default;
    if (require(name) !== viaImport) throw new Error(`${name}: require() differs from import`);
  }
  for (const [name, exports] of Object.entries(lazyAsyncExports)) {
    const module = await import(name);
    for (const e of exports) {
      if (module[e]?.constructor?.name !== 'AsyncFunction') {
        throw new Error(`${name}: ${e} is not an async function`);
      }
    }
  }
}

/**
 * Bundled into main.mjs with everything they import: otherwise node resolves, reads and wraps
 * their ≈ 450 files one by one at every start (≈ 0.2 s of CPU on the 2-core machine). Only
 * pure JavaScript that reads no file beside its code belongs here.
 */
const bundledPackages = [
  'fastify',
  '@fastify/compress',
  '@fastify/cookie',
  '@fastify/multipart',
  'fastify-type-provider-zod',
  'zod',
  'drizzle-orm',
  'p-limit',
];

/**
 * Never bundled, even when a bundled package imports them: PGlite (its wasm and data files sit
 * beside it), pino (its transports start workers from files beside it), pg (loaded only on
 * PostgreSQL, see lazyPackages), React (one copy with react-dom for the server-rendered pages).
 */
const externalPackages = ['@electric-sql/pglite', 'pino', 'pg', 'react', 'react-dom'];

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const inNodeModules = (p) => path.isAbsolute(p) && p.includes(`${path.sep}node_modules${path.sep}`);

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
    // the bundled CommonJS packages `require()` node's built-in modules
    banner: {
      js: "import { createRequire as __hhCreateRequire } from 'node:module';\nconst require = __hhCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
    plugins: [
      {
        name: 'hirehall-externals',
        setup(build) {
          // Bare imports are third-party packages, external except our workspace packages
          // (TypeScript), the bundled packages and what those import.
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@hirehall/')) return undefined;
            const name = packageName(args.path);
            if (!externalPackages.includes(name)) {
              if (bundledPackages.includes(name) || inNodeModules(args.importer)) return undefined;
            }
            if (lazyPackages.includes(args.path) && args.kind === 'import-statement') {
              return { path: args.path, namespace: 'lazy' };
            }
            if (args.path in lazyAsyncExports && args.kind === 'import-statement') {
              return { path: args.path, namespace: 'lazy-async' };
            }
            if (path.isAbsolute(args.path)) return undefined;
            return { path: args.path, external: true };
          });
          build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
            contents: lazyModule(args.path),
            loader: 'js',
            resolveDir: root,
          }));
          build.onLoad({ filter: /.*/, namespace: 'lazy-async' }, (args) => ({
            contents: lazyAsyncModule(args.path, lazyAsyncExports[args.path]),
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
