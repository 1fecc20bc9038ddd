// A tiny static file server for www/ (or any folder), with the MIME types a wasm page needs,
// compressing as a static host does: brotli where the browser asks for it, else gzip, from a
// precompressed sibling (file.br, file.gz: `make dist` writes them) or compressed once here.
// Usage: node scripts/serve.mjs [--dir www] [--port 8080] [--host 127.0.0.1]
// PORT and HOST in the environment work too. Used by `make serve`, the e2e tests and the bench.
// Like a static host it sends a validator (ETag) and answers a matching If-None-Match with 304
// and no body, so a revalidation (Cache-Control: no-cache, the service worker's install)
// costs no bytes when nothing changed. `server.sent` counts the body bytes sent, for the bench.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** What is worth compressing (images are compressed already). */
export const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".webmanifest"]);

/** Compressed bodies made on the fly, by file, modification time and encoding. */
const made = new Map();

/** The body to send for a file and an Accept-Encoding: { body, encoding? }. */
async function encode(file, body, modified, accept = "") {
  if (!COMPRESSIBLE.has(extname(file))) return { body };
  const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
  if (!encoding) return { body };
  const sibling = `${file}.${encoding === "br" ? "br" : "gz"}`;
  try {
    if ((await stat(sibling)).mtimeMs >= modified) return { body: await readFile(sibling), encoding };
  } catch {
    // no precompressed file: compress here, once (a quick level: this is for development)
  }
  const key = `${file}\0${modified}\0${encoding}`;
  if (!made.has(key)) {
    made.set(key, encoding === "br"
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : gzipSync(body, { level: 6 }));
  }
  return { body: made.get(key), encoding };
}

/** Starts a server for `dir`; resolves to { server, url } once it listens. */
export function serve({ dir = "www", port = 8080, host = "127.0.0.1", quiet = false } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error(), { code: "ENOENT" });
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file);
      }
      const { body, encoding } = await encode(file, await readFile(file), info.mtimeMs, req.headers["accept-encoding"]);
      const etag = `"${info.size.toString(36)}-${Math.round(info.mtimeMs).toString(36)}-${encoding ?? "identity"}"`;
      const headers = {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-cache",
        ETag: etag,
        Vary: "Accept-Encoding",
      };
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, "Content-Length": body.length, ...(encoding ? { "Content-Encoding": encoding } : {}) });
      if (req.method !== "HEAD") server.sent += body.length;
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      const missing = e.code === "ENOENT" || e.code === "ENOTDIR" || e instanceof URIError;
      res.writeHead(missing ? 404 : 500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(missing ? "Not found\n" : "Server error\n");
      if (!missing && !quiet) console.error(e);
    }
  });
  server.sent = 0;
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg("port", process.env.PORT ?? 8080));
  const host = arg("host", process.env.HOST ?? "127.0.0.1");
  const dir = arg("dir", "www");
  serve({ dir, port, host }).then(
    ({ url }) => console.log(`Serving ${dir}/ at ${url}  (Ctrl+C to stop)`),
    (e) => {
      console.error(`Could not listen on ${host}:${port}: ${e.message}` +
        (e.code === "EADDRINUSE" ? ` (try PORT=${port + 1} make serve)` : ""));
      process.exit(1);
    },
  );
}
