// A build is current when the hash of its inputs equals the one written beside its output.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function hashTree(dirs) {
  const h = crypto.createHash('sha256');
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else h.update(p).update(fs.readFileSync(p));
  };
  for (const d of dirs) walk(path.join(root, d));
  return h.digest('hex');
}

/** Runs `build` unless the stamp file matches the inputs' hash (or `--force` was given); then writes the stamp. */
export async function buildIfStale(stampFile, inputs, message, build) {
  const stamp = path.join(root, stampFile);
  const hash = hashTree(inputs);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash && !process.argv.includes('--force')) return;
  console.log(message);
  const ok = await build();
  if (!ok) process.exit(1);
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, hash);
}
