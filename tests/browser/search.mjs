// Search in the built sample portal: `node search.mjs OUTPUT_DIR`.
// With `--query Q --budget-kb N` (for a generated site) it only measures
// what one query transfers and fails above the budget.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve, browser, page, check, finish, axe } from "./lib.mjs";

const args = process.argv.slice(2);
const root = args[0];
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : null; };
if (!root) {
  console.error("usage: node search.mjs OUTPUT_DIR [--query Q --budget-kb N] [--base /sub/]");
  process.exit(2);
}
const base = opt("--base") || "/";

const server = await serve(root);
const b = await browser();

/** The result links of a query, in order, on a search page. */
async function search(path, q) {
  const p = await page(b, { width: 375, height: 812 });
  await p.goto(`${server.url}${base}${path}?q=${encodeURIComponent(q)}`);
  await p.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && s.textContent && !s.textContent.endsWith("…");
  }, null, { timeout: 15000 });
  const links = await p.$$eval("#search-list a", (as) => as.map((a) => new URL(a.href).pathname));
  const status = await p.textContent("#search-status");
  await p.context().close();
  return { links, status, problems: p.problems, bytes: p.bytes, requests: p.requests };
}

const query = opt("--query");
if (query) {
  const budget = Number(opt("--budget-kb") || 300);
  const r = await search(opt("--path") || "tim-kiem/", query);
  const kb = r.bytes / 1024;
  console.log(`query "${query}": ${r.links.length} results shown, ${r.requests.length} requests, ${kb.toFixed(1)} KB transferred (page, styles, scripts, index and results)`);
  for (const [url, n] of r.requests) console.log(`  ${(n / 1024).toFixed(1).padStart(7)} KB  ${url.replace(server.url, "")}`);
  check(r.links.length > 0, "the query finds something");
  check(r.problems.length === 0, `no errors (${r.problems.join("; ")})`);
  check(kb <= budget, `one query transfers ${kb.toFixed(1)} KB <= ${budget} KB`);
  await b.close();
  server.close();
  finish("search budget");
}

const communes = JSON.parse(await readFile(join(root, "data", "communes.json"), "utf8"));
const pathOf = (u) => new URL(u).pathname;

// `hoi`: Hoa hồi Lạng Sơn first.
let r = await search("tim-kiem/", "hoi");
check(r.problems.length === 0, `hoi: no console errors, CSP violations or failed requests (${r.problems.join("; ")})`);
check(r.links[0] === `${base}san-pham/hoa-hoi-lang-son/`, `hoi: Hoa hồi Lạng Sơn first (got ${r.links.slice(0, 3).join(", ")})`);

r = await search("tim-kiem/", "quyt bac son");
check(r.links[0] === `${base}san-pham/quyt-vang-bac-son/`, `quyt bac son: Quýt vàng Bắc Sơn first (got ${r.links.slice(0, 3).join(", ")})`);

r = await search("tim-kiem/", "thach den");
const thach = [`${base}san-pham/thach-den-lang-son/`, `${base}san-pham/thach-den-trang-dinh/`];
check(thach.every((u) => r.links.slice(0, 2).includes(u)), `thach den: both Thạch đen products first (got ${r.links.slice(0, 3).join(", ")})`);

// `dong dang`: the ward of Đồng Đăng (đ folded to d).
r = await search("tim-kiem/", "dong dang");
check(r.links[0] === `${base}xa-phuong/dong-dang/`, `dong dang: Đồng Đăng first (got ${r.links.slice(0, 3).join(", ")})`);

// `dinh lap`: Đình Lập, both đ and tones left out.
r = await search("tim-kiem/", "dinh lap");
check(r.links[0] === `${base}xa-phuong/dinh-lap/`, `dinh lap: Đình Lập first (got ${r.links.slice(0, 3).join(", ")})`);

// `dao`: Quốc Việt, which replaced the xã of Đào Viên, by its former name.
r = await search("tim-kiem/", "dao vien");
check(r.links[0] === `${base}xa-phuong/quoc-viet/`, `dao vien: Quốc Việt first (got ${r.links.slice(0, 3).join(", ")})`);
r = await search("tim-kiem/", "dao");
check(r.links.includes(`${base}xa-phuong/quoc-viet/`), `dao: Quốc Việt found (got ${r.links.slice(0, 5).join(", ")})`);

// A word still being typed matches the words it begins.
r = await search("tim-kiem/", "hoa ho");
check(r.links[0] === `${base}san-pham/hoa-hoi-lang-son/`, `hoa ho: Hoa hồi Lạng Sơn first (got ${r.links.slice(0, 3).join(", ")})`);

// `huyen chi lang`: every commune that replaced units of the former Chi
// Lăng district, before anything else (not Thất Khê, which replaced a xã
// named Chi Lăng in Tràng Định district).
const replaced = communes
  .filter((c) => c.former_units.some((u) => u.endsWith(", Chi Lăng")))
  .map((c) => pathOf(c.url_vi));
r = await search("tim-kiem/", "huyen chi lang");
const top = r.links.slice(0, replaced.length);
check(replaced.length > 0 && replaced.every((u) => top.includes(u)),
  `huyen chi lang: the ${replaced.length} communes of the former district first (expected ${replaced.join(", ")}; got ${top.join(", ")})`);

// English: `star anise` on /en/search/.
r = await search("en/search/", "star anise");
check(r.links[0] === `${base}en/products/hoa-hoi-lang-son/`, `star anise: the English page of Hoa hồi first (got ${r.links.slice(0, 3).join(", ")})`);
check(r.problems.length === 0, `en: no errors (${r.problems.join("; ")})`);

// Nothing found: said so.
r = await search("tim-kiem/", "xyzzyqq");
check(r.links.length === 0 && r.status.includes("xyzzyqq"), `no results: the page says so (${r.status})`);

// Many results (every commune replaced a xã): 20 at first, then "more" until every one is listed.
{
  const p = await page(b, { width: 375, height: 812 });
  await p.goto(`${server.url}${base}tim-kiem/?q=xa`);
  await p.waitForFunction(() => document.querySelectorAll("#search-list li").length > 0, null, { timeout: 15000 });
  const total = Number((await p.textContent("#search-status")).match(/\d+/)[0]);
  const firstPage = await p.$$eval("#search-list li", (l) => l.length);
  for (let i = 0; i < 20 && await p.$("#search-more"); i++) {
    const before = await p.$$eval("#search-list li", (l) => l.length);
    await p.click("#search-more");
    await p.waitForFunction((n) => document.querySelectorAll("#search-list li").length > n, before, { timeout: 15000 });
  }
  const links = await p.$$eval("#search-list a", (as) => as.map((a) => a.getAttribute("href")));
  check(total > 50 && firstPage === 20, `xa: ${total} results, 20 shown at first (${firstPage})`);
  check(links.length === total && new Set(links).size === total, `xa: "more" lists all ${total}, each once (${links.length})`);
  await p.context().close();
}

// Results, and no results, pass axe (WCAG 2.1 AA) as the static pages do.
for (const path of ["tim-kiem/?q=hoi", "en/search/?q=star%20anise", "tim-kiem/?q=xyzzyqq"]) {
  const v = await axe(b, `${server.url}${base}${path}`);
  check(v.length === 0, `axe on /${path}: no violation (${v.join("; ")})`);
}

// The home page loads no search code.
const home = await page(b);
await home.goto(`${server.url}${base}`);
await home.waitForLoadState("networkidle");
check(!home.requests.some(([u]) => u.includes("search-index") || u.includes("search.js")), "the home page loads no search assets");
await home.context().close();

await b.close();
server.close();
finish("search");
