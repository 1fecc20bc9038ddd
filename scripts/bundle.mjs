// Bundles the page's ES modules in a built site into one minified js/main.js (esbuild), the
// worksheet's into js/worksheet.js, and drops the others and their preload hints: one request
// of about half the bytes instead of ~28 (measured in make bench). The wasm-bindgen glue in pkg/ stays as it is (it finds its
// .wasm beside itself). www/ is untouched: the sources run as they are.
//   node scripts/bundle.mjs dist
import { build } from "esbuild";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/bundle.mjs <dir>");
const js = join(dir, "js");
/** The pages' entry modules: the lab, and the printable worksheet (a page of its own). */
const ENTRIES = ["main.js", "worksheet.js"];
const bundled = [];
for (const name of ENTRIES) {
  const entry = join(js, name);
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
  bundled.push([entry, result.outputFiles[0].contents]);
}
for (const f of readdirSync(js)) rmSync(join(js, f));
for (const [entry, contents] of bundled) writeFileSync(entry, contents);

const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const kept = html.replace(/^\s*<link rel="modulepreload" href="js\/(?!main\.js")[^"]+">\n/gm, "");
if (kept === html) throw new Error(`${page}: no module preload hints found`);
writeFileSync(page, kept);
for (const [file, contents] of bundled) console.log(`[bundle] ${file}: ${Math.round(contents.length / 1024)} KB minified, one file`);
