// The products listing's filters in the built portal: for every choice,
// the listing filtered by its script shows the same products as the
// pre-built page of that choice. `node filters.mjs OUTPUT_DIR`.
import { serve, browser, page, check, finish, axe } from "./lib.mjs";

const root = process.argv[2];
if (!root) {
  console.error("usage: node filters.mjs OUTPUT_DIR");
  process.exit(2);
}
const server = await serve(root);
const b = await browser();

for (const listing of ["/san-pham/", "/en/products/"]) {
  const p = await page(b, { width: 375, height: 812 });
  await p.goto(server.url + listing);
  const links = await p.$$eval("a[data-facet]", (as) =>
    as.map((a) => ({ facet: a.dataset.facet, value: a.dataset.value, href: a.getAttribute("href"), name: a.textContent.trim() })));
  check(links.length > 0, `${listing}: filter choices are listed (${links.length})`);
  const facets = new Set(links.map((l) => l.facet));
  for (const f of ["category", "commune", "stars", "certification", "season"]) {
    check(facets.has(f), `${listing}: a ${f} filter is offered`);
  }
  const total = await p.$$eval("li.card", (cs) => cs.length);
  for (const l of links) {
    // The script's answer: open the facet, press the choice, read the cards.
    await p.evaluate(({ facet, value }) => {
      const a = document.querySelector(`a[data-facet="${facet}"][data-value="${value}"]`);
      a.closest("details").open = true;
      a.click();
    }, l);
    const shown = await p.$$eval("li.card:not([hidden]) .card-title a", (as) => as.map((a) => a.getAttribute("href")).sort());
    const address = await p.evaluate(() => location.search);
    const count = await p.textContent("#record-count");
    // Press again: back to every product.
    await p.evaluate(({ facet, value }) => document.querySelector(`a[data-facet="${facet}"][data-value="${value}"]`).click(), l);
    const all = await p.$$eval("li.card:not([hidden])", (cs) => cs.length);

    // The pre-built page's answer.
    const q = await page(b);
    const res = await q.goto(server.url + l.href);
    const built = await q.$$eval("li.card .card-title a", (as) => as.map((a) => a.getAttribute("href")).sort());
    const current = await q.$$eval("a[aria-current=page][data-facet]", (as) => as.map((a) => a.dataset.value));
    await q.context().close();

    const same = shown.length === built.length && shown.every((h, i) => h === built[i]);
    check(res.status() === 200 && built.length > 0, `${l.href}: the pre-built page lists products (${built.length})`);
    check(same, `${l.facet}=${l.value}: script and pre-built page list the same ${built.length} products`);
    check(current.length === 1 && current[0] === l.value, `${l.href}: marks its choice as current`);
    check(address.includes(`${l.facet}=`) && count.includes(String(shown.length)), `${l.facet}=${l.value}: the address and the count follow (${address}; ${count})`);
    check(all === total, `${l.facet}=${l.value}: pressing again shows all ${total} products`);
  }
  // Two facets narrow each other: the address gives both.
  const [a, c] = [links.find((l) => l.facet === "category"), links.find((l) => l.facet === "season")];
  await p.goto(`${server.url}${listing}?${a.facet}=${a.value}&${c.facet}=${c.value}`);
  const both = await p.$$eval("li.card:not([hidden])", (cs) => cs.map((x) => [x.dataset.category, x.dataset.season]));
  check(both.every(([cat, s]) => cat === a.value && s.split(" ").includes(c.value)), `${listing}: ?${a.facet}&${c.facet} shows only products with both (${both.length})`);
  check(p.problems.length === 0, `${listing}: no console errors (${p.problems.join("; ")})`);
  // The filtered listing, as the script leaves it, passes axe.
  const v = await axe(b, `${server.url}${listing}?${a.facet}=${a.value}&${c.facet}=${c.value}`);
  check(v.length === 0, `axe on ${listing} filtered: no violation (${v.join("; ")})`);
  await p.context().close();
}

await b.close();
server.close();
finish("filters");
