// The search page: reads ?q=, asks the Pagefind index of the page's
// language, and lists the records found. Loaded by the search page only;
// the index is fetched only once a query is made.
const box = document.getElementById("search-results");
const input = document.getElementById("search-q");
const list = document.getElementById("search-list");
const status = document.getElementById("search-status");
const needsJs = document.getElementById("search-needs-js");
if (needsJs) needsJs.hidden = true;

// How many results get their details loaded and ranked; more are shown on
// request, a page at a time.
const RANKED = 30;
const PAGE = 20;
// The order of kinds among results of equal standing.
const KINDS = ["products", "brands", "producers", "chains", "communes", "reports"];

let pagefind = null;
let latest = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(box.dataset.bundle + "pagefind.js");
    await pagefind.options({ basePath: box.dataset.bundle, excerptLength: 20 });
    await pagefind.init();
  }
  return pagefind;
}

// Lower case, no tone marks, đ as d: the same folding as the index's
// folded copy of each name.
function fold(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

function words(s) {
  return fold(s).split(/[^a-z0-9]+/).filter(Boolean);
}

// How well a record's names answer the query: 4 when the query is its
// whole name; 3 when the query's words start words of its name, in order
// (`quyt bac son` in Quýt vàng Bắc Sơn); 2 the same in one of its other
// names (a former commune or district); 1 in the name of what it belongs
// with (a product's brand or area), or spread over its names; 0 when they
// were found only in its text. Among equals: products before brands,
// producers, chains, communes and reports; then the name the query covers
// most; then the earliest start.
function standing(query, meta) {
  const names = (meta.keys || meta.title || "").split("|").map(words);
  const related = (meta.related || "").split("|").map(words);
  // Where the query's words start, in order, words of `w`; -1 if not.
  const at = (w) => {
    let j = 0, start = -1;
    for (let i = 0; i < w.length && j < query.length; i++) {
      if (w[i].startsWith(query[j])) {
        if (j === 0) start = i;
        j++;
      }
    }
    return j === query.length ? start : -1;
  };
  const name = names[0] || [];
  const first = at(name);
  if (first >= 0) {
    const cover = query.length / name.length;
    return { level: cover >= 1 ? 4 : 3, cover, at: first };
  }
  const tie = { cover: 0, at: 0 };
  if (names.slice(1).some((w) => at(w) >= 0)) return { level: 2, ...tie };
  const all = names.concat(related).flat();
  if (related.some((w) => at(w) >= 0) || query.every((q) => all.some((w) => w.startsWith(q)))) {
    return { level: 1, ...tie };
  }
  return { level: 0, ...tie };
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ""));
}

function item(r) {
  const li = document.createElement("li");
  li.className = "search-result";
  if (r.meta.image) {
    const img = document.createElement("img");
    img.src = r.meta.image;
    img.alt = "";
    img.width = 96;
    img.height = 72;
    img.loading = "lazy";
    img.decoding = "async";
    li.append(img);
  } else {
    li.classList.add("no-thumb");
  }
  const body = document.createElement("div");
  const kind = document.createElement("p");
  kind.className = "card-meta";
  kind.textContent = r.meta.kind || "";
  const h = document.createElement("h2");
  h.className = "search-title";
  const a = document.createElement("a");
  a.href = r.url;
  a.textContent = r.meta.title || r.url;
  h.append(a);
  body.append(kind, h);
  if (r.meta.place) {
    const p = document.createElement("p");
    p.className = "card-place";
    p.textContent = r.meta.place;
    body.append(p);
  }
  if (r.meta.summary) {
    const p = document.createElement("p");
    p.className = "search-summary";
    p.textContent = r.meta.summary;
    body.append(p);
  }
  li.append(body);
  return li;
}

async function run(q, remember) {
  const mine = ++latest;
  if (remember) {
    const url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }
  list.replaceChildren();
  if (!q.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = box.dataset.loading;
  let found;
  try {
    const pf = await engine();
    found = await pf.search(q);
  } catch (e) {
    if (mine === latest) status.textContent = box.dataset.error;
    return;
  }
  if (mine !== latest || !found) return;
  const query = words(q);
  const head = await Promise.all(found.results.slice(0, RANKED).map((r, i) => r.data().then((d) => ({ ...d, rank: i }))));
  if (mine !== latest) return;
  head.forEach((d) => { d.standing = standing(query, d.meta); });
  head.sort((x, y) =>
    y.standing.level - x.standing.level ||
    KINDS.indexOf(x.meta.collection) - KINDS.indexOf(y.meta.collection) ||
    y.standing.cover - x.standing.cover ||
    x.standing.at - y.standing.at ||
    x.rank - y.rank);
  const total = found.results.length;
  status.textContent = total
    ? fill(box.dataset.count, { n: String(total), q })
    : fill(box.dataset.none, { q });
  // `shown` counts the ranked head; the rest is taken from `rest` as shown.
  let shown = 0;
  const rest = found.results.slice(RANKED);
  async function more() {
    const next = [];
    while (next.length < PAGE && shown < head.length) next.push(head[shown++]);
    if (next.length < PAGE && shown >= head.length && rest.length) {
      const extra = await Promise.all(rest.splice(0, PAGE - next.length).map((r) => r.data()));
      next.push(...extra);
    }
    if (mine !== latest) return;
    next.forEach((d) => list.append(item(d)));
    const left = head.length - shown + rest.length;
    let button = document.getElementById("search-more");
    if (left > 0) {
      if (!button) {
        button = document.createElement("button");
        button.id = "search-more";
        button.type = "button";
        button.className = "button";
        button.textContent = box.dataset.more;
        button.addEventListener("click", () => more());
        box.append(button);
      }
    } else if (button) {
      button.remove();
    }
  }
  const old = document.getElementById("search-more");
  if (old) old.remove();
  await more();
}

const initial = new URLSearchParams(location.search).get("q") || "";
input.value = initial;
let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value, true), 200);
});
input.form.addEventListener("submit", (e) => {
  e.preventDefault();
  run(input.value, true);
});
if (initial) run(initial, false);
