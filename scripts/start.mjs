// `npm start`: build the web app and the server bundle when their sources are newer than the
// builds, then serve with plain node on the bundle (no TypeScript transpiling at start).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureServerBuild, serverBundle } from './build-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(path.join(web, 'src')),
  newestMtime(path.join(root, 'packages/shared/src')),
  fs.statSync(path.join(web, 'index.html')).mtimeMs,
);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Building the web app (first start or sources changed)…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@hirehall/web'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Development tools (/dev/outbox shows every SMS code, dev captcha answers) default on only
// while every message provider is a development one: then codes reach nobody else, and the
// quick start (`npm install && npm start`) needs the outbox to sign in. Configure a real SMS
// provider (HIREHALL_SMS_PROVIDER=aliyun …) and they are off unless HIREHALL_DEV_TOOLS=1.
const env = { NODE_ENV: 'production', ...process.env };
const devProviders =
  (env.HIREHALL_SMS_PROVIDER ?? 'dev') === 'dev' &&
  (env.HIREHALL_MAIL_TRANSPORT ?? 'dev') === 'dev' &&
  (env.HIREHALL_WECHAT_PROVIDER ?? 'dev') === 'dev';
if (env.HIREHALL_DEV_TOOLS === undefined || env.HIREHALL_DEV_TOOLS === '') {
  env.HIREHALL_DEV_TOOLS = devProviders ? '1' : '0';
}

await ensureServerBuild();
const server = spawn(process.execPath, ['--enable-source-maps', serverBundle], {
  stdio: 'inherit',
  cwd: root,
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
