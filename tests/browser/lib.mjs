// Shared by the browser tests: a static server for a built site, and a
// headless Chromium (Debian's package) driven by playwright-core.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".webp": "image/webp",
  ".jpg": "image/jpeg",
  ".png": "image/png",
};

/** Serves `root` on a free port of 127.0.0.1; returns { url, close }. */
export async function serve(root) {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      path = normalize(path).replace(/^(\.\.[/\\])+/, "");
      let file = join(root, path);
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const type = TYPES[extname(file)] || "application/octet-stream";
      const headers = { "content-type": type };
      // Text is sent compressed, as static hosts do.
      if (/^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /gzip/.test(req.headers["accept-encoding"] || "")) {
        body = gzipSync(body);
        headers["content-encoding"] = "gzip";
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** A page that records console errors, failed requests and the bytes it
 * received over the network. */
export async function page(b, viewport = { width: 1280, height: 900 }) {
  const context = await b.newContext({ viewport });
  const p = await context.newPage();
  p.problems = [];
  p.bytes = 0;
  p.requests = [];
  p.on("console", (m) => { if (m.type() === "error") p.problems.push(`console: ${m.text()}`); });
  p.on("pageerror", (e) => p.problems.push(`page error: ${e.message}`));
  p.on("requestfailed", (r) => p.problems.push(`request failed: ${r.url()}`));
  p.on("requestfinished", async (req) => {
    const r = await req.response();
    if (r && r.status() >= 400) p.problems.push(`HTTP ${r.status()}: ${req.url()}`);
    // Bytes on the wire: the body as sent (compressed where it was).
    const sizes = await req.sizes().catch(() => null);
    const n = sizes?.responseBodySize || Number(r?.headers()["content-length"] || 0);
    p.bytes += n;
    p.requests.push([req.url(), n]);
  });
  return p;
}

let failures = 0;
export function check(ok, what) {
  if (ok) {
    console.log(`ok    ${what}`);
  } else {
    failures++;
    console.log(`FAIL  ${what}`);
  }
}
export function finish(name) {
  console.log(failures ? `${name}: ${failures} failed` : `${name}: all passed`);
  process.exit(failures ? 1 : 0);
}

const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * WCAG 2.1 A and AA violations on the current state of a page, as
 * "rule: target" lines (axe-core). The page's CSP forbids injected scripts,
 * so axe runs in a copy of the page opened with CSP bypassed.
 */
export async function axe(b, url, viewport = { width: 375, height: 812 }) {
  const ctx = await b.newContext({ viewport, bypassCSP: true });
  const p = await ctx.newPage();
  await p.goto(url);
  await p.waitForLoadState("networkidle");
  await p.addScriptTag({ content: axeSource });
  const found = await p.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  await ctx.close();
  return found;
}
