// Writes file.br (brotli, quality 11) and file.gz (gzip -9) beside every compressible file of a
// folder, as a static host serves them; scripts/serve.mjs sends these when they are fresh.
// Usage: node scripts/precompress.mjs dist
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { COMPRESSIBLE } from "./serve.mjs";

const dir = process.argv[2] ?? "dist";
let raw = 0;
let br = 0;
const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
for (const file of walk(dir).filter((f) => COMPRESSIBLE.has(extname(f)))) {
  const body = readFileSync(file);
  const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  writeFileSync(`${file}.br`, b);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  raw += body.length;
  br += b.length;
}
console.log(`[precompress] ${dir}/: ${Math.round(raw / 1024)} KB of text and wasm, ${Math.round(br / 1024)} KB as brotli`);
