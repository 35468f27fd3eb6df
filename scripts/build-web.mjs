#!/usr/bin/env node
// Builds the web shell (web/ → web/dist) with Vite.
// --if-stale: skip when web/dist/index.html is newer than every file under web/ (web/dist excluded).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webDir = fileURLToPath(new URL('../web/', import.meta.url));
const distDir = join(webDir, 'dist');
const indexHtml = join(distDir, 'index.html');
const SKIP = new Set(['dist', 'node_modules', '.vite']);

/** Newest modification time of any file under dir, skipping build output. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(indexHtml)) return true;
  return newestMtime(webDir) >= statSync(indexHtml).mtimeMs;
}

const ifStale = process.argv.includes('--if-stale');
const shown = relative(process.cwd(), distDir) || distDir;

if (ifStale && !isStale()) {
  console.log(`web: up to date (${shown})`);
} else {
  const started = Date.now();
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn' });
  } catch (err) {
    console.error(`web: build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
  console.log(`web: built ${shown} in ${Date.now() - started} ms`);
}
