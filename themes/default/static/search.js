// The search page: reads ?q=, looks the query up in the search index of
// the page's language (written by `nongsan build` under search-index/),
// and lists the records found. Loaded by the search page only; the index
// is fetched only once a query is made, and then only the parts the
// query's words can be in.
const box = document.getElementById("search-results");
const input = document.getElementById("search-q");
const list = document.getElementById("search-list");
const status = document.getElementById("search-status");
const needsJs = document.getElementById("search-needs-js");
if (needsJs) needsJs.hidden = true;

// How many results get their records loaded and ranked by their names;
// more are shown on request, a page at a time.
const RANKED = 30;
const PAGE = 20;

let meta = null;
const files = new Map();
let latest = 0;

// One file of the index, fetched once.
function load(path) {
  if (!files.has(path)) {
    files.set(path, fetch(box.dataset.bundle + path).then((r) => {
      if (!r.ok) throw new Error(path);
      return r.json();
    }));
    // A failed fetch is tried again by the next query.
    files.get(path).catch(() => files.delete(path));
  }
  return files.get(path);
}

// Lower case, no tone marks, đ as d: as the index folds every word.
function fold(s) {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

function words(s) {
  return fold(s).split(/[^a-z0-9]+/).filter(Boolean);
}

// The last word chunk whose first word is not after `w`.
function chunkOf(w) {
  let lo = 0, hi = meta.chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (meta.chunks[mid] <= w) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// The records every word of the query starts a word of, best first: by
// the least telling field any query word was found in (name, other names,
// related names and place, description), then by all of them, whole words
// counting over beginnings, then in the index's order (products, brands,
// producers, chains, communes, reports).
async function find(query) {
  if (!meta) meta = await load("index.json");
  if (!meta.chunks.length) return [];
  // Words are ASCII letters and digits; "{" sorts after all of them.
  const wanted = new Set();
  for (const q of query) for (let i = chunkOf(q); i <= chunkOf(q + "{"); i++) wanted.add(i);
  const chunks = new Map();
  await Promise.all([...wanted].map((i) => load(`${meta.version}w${i}.json`).then((c) => chunks.set(i, c))));
  let found = null;
  for (const q of query) {
    const best = new Map();
    for (let i = chunkOf(q); i <= chunkOf(q + "{"); i++) {
      const chunk = chunks.get(i);
      for (const w in chunk) {
        if (!w.startsWith(q)) continue;
        const whole = w === q ? 1 : 0;
        let doc = 0;
        for (const v of chunk[w]) {
          doc += Math.floor(v / 4);
          const field = v % 4;
          const b = best.get(doc);
          if (!b || b.field < field || (b.field === field && b.whole < whole)) best.set(doc, { field, whole });
        }
      }
    }
    const next = new Map();
    for (const [doc, b] of best) {
      if (found && !found.has(doc)) continue;
      const f = found ? found.get(doc) : { id: doc, level: 3, score: 0 };
      f.level = Math.min(f.level, b.field);
      f.score += b.field * 2 + b.whole;
      next.set(doc, f);
    }
    found = next;
  }
  return [...found.values()].sort((x, y) => y.level - x.level || y.score - x.score || x.id - y.id);
}

// A record as results show it.
async function record(id) {
  const group = await load(`${meta.version}d${Math.floor(id / meta.group)}.json`);
  const [url, title, aliases, related, place, summary, image] = group[id % meta.group];
  let order = 0;
  meta.collections.forEach((c, i) => { if (c[2] <= id) order = i; });
  return { url: meta.base + url, title, aliases, related, place, summary, image, order, kind: meta.collections[order][1] };
}

// How well a record's names answer the query: 4 when the query is its
// whole name; 3 when the query's words start words of its name, in order
// (`quyt bac son` in Quýt vàng Bắc Sơn); 2 the same in one of its other
// names (a former commune or district); 1 in the name of what it belongs
// with (a product's brand or area), or spread over its names; 0 when they
// were found only in its text. Among equals: products before brands,
// producers, chains, communes and reports (the index's order); then the
// name the query covers most; then the earliest start.
function standing(query, r) {
  const names = [r.title, ...r.aliases].map(words);
  const related = r.related.map(words);
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
  const name = names[0];
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
  if (r.image) {
    const img = document.createElement("img");
    img.src = r.image;
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
  kind.textContent = r.kind;
  const h = document.createElement("h2");
  h.className = "search-title";
  const a = document.createElement("a");
  a.href = r.url;
  a.textContent = r.title;
  h.append(a);
  body.append(kind, h);
  if (r.place) {
    const p = document.createElement("p");
    p.className = "card-place";
    p.textContent = r.place;
    body.append(p);
  }
  if (r.summary) {
    const p = document.createElement("p");
    p.className = "search-summary";
    p.textContent = r.summary;
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
  const query = words(q);
  let found, head;
  try {
    found = query.length ? await find(query) : [];
    if (mine !== latest) return;
    head = await Promise.all(found.slice(0, RANKED).map((f, rank) => record(f.id).then((r) => ({ ...r, rank }))));
  } catch (e) {
    if (mine === latest) status.textContent = box.dataset.error;
    return;
  }
  if (mine !== latest) return;
  head.forEach((r) => { r.standing = standing(query, r); });
  head.sort((x, y) =>
    y.standing.level - x.standing.level ||
    x.order - y.order ||
    y.standing.cover - x.standing.cover ||
    x.standing.at - y.standing.at ||
    x.rank - y.rank);
  const total = found.length;
  status.textContent = total
    ? fill(box.dataset.count, { n: String(total), q })
    : fill(box.dataset.none, { q });
  // `shown` counts the ranked head; the rest is taken from `rest` as shown.
  let shown = 0;
  const rest = found.slice(RANKED);
  async function more() {
    const next = [];
    while (next.length < PAGE && shown < head.length) next.push(head[shown++]);
    if (next.length < PAGE && shown >= head.length && rest.length) {
      try {
        next.push(...await Promise.all(rest.splice(0, PAGE - next.length).map((f) => record(f.id))));
      } catch (e) {
        if (mine === latest) status.textContent = box.dataset.error;
        return;
      }
    }
    if (mine !== latest) return;
    next.forEach((r) => list.append(item(r)));
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
