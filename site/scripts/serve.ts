/**
 * `npm start`'s server: serve the built site (dist/) on localhost with node:http, printing the URL.
 *
 * Decision: a small static server of our own rather than a dependency: it only maps a URL to a
 * file under the root (never outside it), serves index.html for directories and 404.html for the
 * rest. Browser tests start it on a free port.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".jsonl": "application/x-ndjson; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".gz": "application/gzip",
  ".bin": "application/octet-stream",
  ".wasm": "application/wasm",
};

/** The file a request path names under `root`, or null (outside the root, or absent). */
export function fileFor(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split("?")[0]!.split("#")[0]!);
  } catch {
    return null;
  }
  const full = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  if (existsSync(full) && statSync(full).isDirectory()) {
    const index = path.join(full, "index.html");
    return existsSync(index) ? index : null;
  }
  return existsSync(full) ? full : null;
}

/** Start serving `root` on 127.0.0.1:`port` (0 = any free port). Resolves with the server and its URL. */
export function serve(root: string, port = 4321): Promise<{ server: Server; url: string }> {
  const abs = path.resolve(root);
  const server = createServer((req, res) => {
    const urlPath = req.url ?? "/";
    // A directory URL without its slash: redirect, so relative links resolve as on any host.
    const file = fileFor(abs, urlPath);
    if (
      file &&
      !urlPath.split("?")[0]!.endsWith("/") &&
      file.endsWith(`${path.sep}index.html`) &&
      !urlPath.endsWith(".html")
    ) {
      res.writeHead(301, {
        location: `${urlPath.split("?")[0]}/${urlPath.includes("?") ? `?${urlPath.split("?")[1]}` : ""}`,
      });
      res.end();
      return;
    }
    const target = file ?? path.join(abs, "404.html");
    if (!existsSync(target)) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(file ? 200 : 404, {
      "content-type": TYPES[path.extname(target)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
    });
    createReadStream(target).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      resolve({ server, url: `http://127.0.0.1:${p}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 4321);
  if (!existsSync(path.join(root, "index.html"))) {
    console.error(`${path.join(root, "index.html")} is missing: build the site first (npm run build).`);
    process.exit(1);
  }
  serve(root, port).then(
    ({ url }) => console.log(`acquis is served at ${url.replace("127.0.0.1", "localhost")} (Ctrl+C to stop)`),
    (e: NodeJS.ErrnoException) => {
      console.error(
        e.code === "EADDRINUSE"
          ? `Port ${port} is in use: stop the other server or choose another port (PORT=8080 npm start).`
          : `Could not serve ${root}: ${e.message}`,
      );
      process.exit(1);
    },
  );
}
