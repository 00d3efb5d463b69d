// How many bytes of images a phone loads on a product page.
//
//   node tests/browser/images.mjs output
//
// Serves the built site (argv[2]) on a free port (lib.mjs: text compressed
// as hosts send it), opens the product page
// with the most pictures in headless Chromium as a 375 × 812 phone at
// device pixel ratio 2, scrolls to the bottom so that every lazy image
// loads, sums the bytes of image responses, prints
// `images: <N> KB on <path>` and exits 1 above the budget (150 KB).
// Needs Chromium at /usr/bin/chromium (Debian package `chromium`) and
// `npm install` in tests/browser.

import fs from 'node:fs';
import path from 'node:path';
import { serve, browser as launch } from './lib.mjs';

const BUDGET_KB = 150;
const root = path.resolve(process.argv[2] ?? 'output');
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`no built site in ${root}: run \`nongsan build\` first`);
  process.exit(2);
}

const server = await serve(root);
const base = server.url;

// The product page with the most <img> elements: Vietnamese product pages
// live in san-pham/<slug>/index.html, beside the filter pages' folders.
function productPage() {
  const dir = path.join(root, 'san-pham');
  let best = null;
  for (const slug of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, slug, 'index.html');
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    // A product's own page, not a filtered listing beside them.
    if (!html.includes('<article class="record product">')) continue;
    const main = html.slice(html.indexOf('<main'));
    const n = (main.match(/<img\b/g) ?? []).length;
    if (!best || n > best.n) best = { n, path: `/san-pham/${slug}/` };
  }
  return best;
}

const page_ = productPage();
if (!page_) {
  console.error('no product page found');
  process.exit(2);
}

const browser = await launch();
let code = 0;
try {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const images = new Map();
  page.on('requestfinished', async (request) => {
    if (request.resourceType() !== 'image') return;
    const sizes = await request.sizes().catch(() => null);
    images.set(request.url(), sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0);
  });
  await page.goto(base + page_.path, { waitUntil: 'load' });
  // Scroll down a screen at a time so that lazy images come into view.
  for (let y = 0; ; y += 400) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (y > height) break;
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(60);
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const bytes = [...images.values()].reduce((a, b) => a + b, 0);
  const kb = Math.round(bytes / 102.4) / 10;
  for (const [url, size] of [...images].sort()) {
    console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${url.replace(base, '')}`);
  }
  console.log(`images: ${kb} KB on ${page_.path} (${images.size} images, 375×812 at DPR 2)`);
  if (kb > BUDGET_KB) {
    console.error(`above the budget of ${BUDGET_KB} KB`);
    code = 1;
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
