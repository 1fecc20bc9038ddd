// Makes a built site work offline: writes into <dir>/sw.js the list of files the page needs
// and a version (a hash of all of them, so any change to the site is a new service worker),
// and points the page at it (<meta name="service-worker" content="sw.js"> in index.html).
//   node scripts/offline.mjs dist
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/offline.mjs <dir>");

/** Not cached up front: the worker itself, precompressed siblings (a host picks them for the
 * same URL), and the scalar build, fetched only where SIMD does not validate (the worker keeps
 * a copy of it then). */
const skip = (f) => f === "sw.js" || /\.(br|gz)$/.test(f) || f.includes("_scalar");

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const path = join(d, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(dir, path).split("\\").join("/")];
  });
}

const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const marker = '<meta name="service-worker" content="">';
if (!html.includes(marker)) throw new Error(`${page} lacks ${marker}`);
writeFileSync(page, html.replace(marker, '<meta name="service-worker" content="sw.js">'));

const files = walk(dir).filter((f) => !skip(f)).sort();
const hash = createHash("sha256");
for (const f of files) hash.update(f).update("\0").update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);

const sw = join(dir, "sw.js");
const source = readFileSync(sw, "utf8");
const stamped = source
  .replace('const VERSION = "dev";', `const VERSION = ${JSON.stringify(version)};`)
  .replace("const FILES = [];", `const FILES = ${JSON.stringify(["./", ...files])};`);
if (stamped === source) throw new Error(`${sw}: VERSION and FILES not found`);
writeFileSync(sw, stamped);
console.log(`[offline] ${dir}/sw.js: version ${version}, ${files.length + 1} URLs cached on install`);
