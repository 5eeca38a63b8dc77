// Checks a packaged .vsix the way the marketplaces will see it, offline: the manifest fields
// the Visual Studio Marketplace and Open VSX show or require, the icon, the page (readme) and
// where its images come from, and that only the bundles and their data are inside. Open VSX's
// own client (ovsx) checks nothing more without a token than the license and the publisher,
// name and version read from the .vsix, so those are checked here with the rest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** Reads a zip file's entries (name → contents) from its central directory. */
export function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    entries.set(name, () => (method === 0 ? raw : inflateRawSync(raw)));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Width and height of a PNG, or undefined when the bytes are not one. */
export function pngSize(bytes) {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG' || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Markdown image and link targets, and <img src>. */
function targets(markdown) {
  const images = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g), ...markdown.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
  const links = [...markdown.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]);
  return { images, links };
}

/** Problems found in the .vsix at `file`, for the repository at `root`; empty when ready. */
export function checkVsix(file, root) {
  const problems = [];
  const zip = readZip(file);
  const text = (name) => zip.get(name)?.().toString('utf8');
  const pkgText = text('extension/package.json');
  if (!pkgText) return ['extension/package.json is missing'];
  const pkg = JSON.parse(pkgText);

  for (const f of ['publisher', 'name', 'version', 'displayName', 'description', 'license', 'icon', 'homepage']) {
    if (typeof pkg[f] !== 'string' || pkg[f].trim() === '') problems.push(`package.json has no ${f}`);
  }
  // Open VSX's rules for namespace and name, and semantic versions as both marketplaces need.
  for (const f of ['publisher', 'name'])
    if (pkg[f] && !/^[\w\-+$~]+$/.test(pkg[f])) problems.push(`${f} "${pkg[f]}" has characters Open VSX refuses`);
  if (pkg.version && !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(pkg.version)) problems.push(`version ${pkg.version} is not a semantic version`);
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+?(\.git)?$/.test(repo ?? ''))
    problems.push(`repository ${repo} is not an https GitHub URL`);
  if (!/^https:\/\//.test(pkg.bugs?.url ?? '')) problems.push('bugs.url is not an https URL');
  if (!Array.isArray(pkg.keywords) || pkg.keywords.length === 0 || pkg.keywords.length > 30) problems.push('keywords: 1 to 30 are needed');
  if (!/^#[0-9a-fA-F]{6}$/.test(pkg.galleryBanner?.color ?? '') || !['dark', 'light'].includes(pkg.galleryBanner?.theme))
    problems.push('galleryBanner needs a #rrggbb color and a dark or light theme');
  if (![...zip.keys()].some((k) => /^extension\/LICEN[CS]E(\.(md|txt))?$/i.test(k)))
    problems.push('no LICENSE in the package (Open VSX refuses unlicensed extensions)');

  const icon = pkg.icon && zip.get(`extension/${pkg.icon}`)?.();
  const size = icon && pngSize(icon);
  if (!size) problems.push(`the icon ${pkg.icon} is not a PNG inside the package`);
  else if (size.width !== 128 || size.height !== 128) problems.push(`the icon is ${size.width}×${size.height}, not 128×128`);
  if (!text('extension.vsixmanifest')?.includes(`Type="Microsoft.VisualStudio.Services.Icons.Default" Path="extension/${pkg.icon}"`))
    problems.push('the manifest names no default icon');

  const readme = text('extension/readme.md');
  if (!readme) problems.push('extension/readme.md is missing');
  else {
    const first = readme.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
    if (/\bnpm\b|```/.test(first)) problems.push(`the page starts with developer commands, not what the extension does: "${first}"`);
    const { images, links } = targets(readme);
    if (images.length === 0) problems.push('the page shows no screenshot');
    const base = repo?.replace(/\.git$/, '');
    for (const url of [...images, ...links]) {
      if (url.startsWith('#')) continue;
      if (!/^https:\/\//.test(url)) {
        problems.push(`${url}: the marketplaces show only https links and images`);
        continue;
      }
      // A link into this repository must name a file that exists in it.
      const resolved = new URL(url).href;
      const m = base && new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:raw|blob)/HEAD/(.*)$`).exec(resolved);
      if (m && !fs.existsSync(path.join(root, decodeURI(m[1].split('#')[0]))))
        problems.push(`${url} names ${m[1]}, which is not in the repository`);
    }
    for (const img of images) if (/\.svg($|\?)/i.test(img)) problems.push(`${img}: the marketplaces refuse SVG images in the page`);
  }

  for (const need of [
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/dist/server-main.js',
    'extension/dist/cli.js',
    'extension/dist/cli-main.js',
  ]) {
    if (!zip.has(need)) problems.push(`${need} is missing`);
  }
  const stray = [...zip.keys()].filter(
    (k) => /\/(node_modules|test|server\/src|client\/src|bench)\//.test(k) || /\.(ts|map|vsix|tgz)$/.test(k),
  );
  if (stray.length) problems.push(`files that do not belong in the package: ${stray.slice(0, 10).join(', ')}`);
  return problems;
}
