// Bundles the page's ES modules in a built site into one minified js/main.js (esbuild), and
// drops the others and their preload hints: one request of about half the bytes instead of
// ~28 (measured in make bench). The wasm-bindgen glue in pkg/ stays as it is (it finds its
// .wasm beside itself). www/ is untouched: the sources run as they are.
//   node scripts/bundle.mjs dist
import { build } from "esbuild";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/bundle.mjs <dir>");
const js = join(dir, "js");
const entry = join(js, "main.js");

const result = await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  minify: true,
  format: "esm",
  external: ["../pkg/*"],
  legalComments: "none",
  write: false,
});
const [out] = result.outputFiles;
for (const f of readdirSync(js)) rmSync(join(js, f));
writeFileSync(entry, out.contents);

const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const kept = html.replace(/^\s*<link rel="modulepreload" href="js\/(?!main\.js")[^"]+">\n/gm, "");
if (kept === html) throw new Error(`${page}: no module preload hints found`);
writeFileSync(page, kept);
console.log(`[bundle] ${entry}: ${Math.round(out.contents.length / 1024)} KB minified, one file`);
