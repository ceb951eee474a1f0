// Opens the HTML report in the system's headless Chromium at a desktop
// width, a 375-pixel phone and a 320-pixel one (WCAG 1.4.10's reflow
// width): takes a screenshot of each, checks the page never scrolls
// sideways, and runs axe-core for WCAG 2.0, 2.1 and 2.2 A and AA and its
// best practices. Any violation fails, and so does any result axe could
// not decide ("incomplete") but for those ALLOWED explains. Then checks,
// in the page and in Chromium's accessibility tree, what a reader relies
// on: key figures and the attendance matrix are text, not drawn; each
// drawn chart has a short name and its text alternative as description.
// Prints "ok" or what failed, and exits non-zero on any.
//
//   node check.mjs REPORT.html OUTDIR TILES MATRICES CHARTS
//
// TILES, MATRICES, CHARTS: how many figures of each the report has (key
// figure tiles, attendance tables, drawn charts).
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [, , report, outdir, ...counts] = process.argv;
const [wantTiles, wantMatrices, wantCharts] = counts.map(Number);
const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// Results axe marks "incomplete" (it could not decide them) that are fine
// here, each with why a machine cannot decide it and a check, run in the
// page on the element (its selector), that what makes it fine holds.
// Nothing else may be undecided: a new one is to be fixed or explained.
const ALLOWED = [
  {
    // A chart's words are SVG <text> drawn over the chart's own shapes
    // (bars, slices, hatching, its white background). axe computes the
    // colour behind text from HTML boxes only, so for SVG text it cannot
    // decide (shapes overlap it, a short label such as "0" is too short
    // for it to call text, an <image> is behind it). The chart module
    // chooses each label's colour against what it is drawn on and its
    // tests hold it to 4.5:1; the chart is one picture to a screen reader,
    // its words in its description and in the table under it.
    rule: "color-contrast", key: ["bgOverlap", "shortTextContent", "imgNode"],
    why: "a chart's words, drawn over the chart's own shapes",
    holds: (sel) => {
      const e = document.querySelector(sel);
      return !!e && e instanceof SVGElement && !!e.closest("figure > div.chart[role=img] svg");
    },
  },
  {
    // axe finds what lies behind text from elements' boxes. A drawn
    // chart's groups have boxes as large as all they hold, also what the
    // SVG clips away at its edge, so a box reaches over the words next to
    // the chart and axe cannot tell which colour is behind them. What is
    // drawn there is the page itself: the topmost element at the middle
    // of the text is the element (or a part of it), not the chart.
    rule: "color-contrast", key: ["bgOverlap"],
    why: "a chart's SVG group box reaches past what the SVG shows",
    holds: (sel) => {
      const e = document.querySelector(sel);
      if (!e) return false;
      e.scrollIntoView({ block: "center" });
      const range = document.createRange();
      range.selectNodeContents(e);
      return [...range.getClientRects()].every((r) => {
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return top && (e === top || e.contains(top)) && !top.closest("svg");
      });
    },
  },
  {
    // A wide table scrolls sideways in its own box on a phone: a cell
    // partly scrolled out of the box is partly hidden, and axe does not
    // decide the colour behind what it cannot see. Scrolled into view,
    // the cell is axe's to check like every other (the same cells pass
    // at the desktop width).
    rule: "color-contrast", key: ["elmPartiallyObscured"],
    why: "a cell of a table partly scrolled out of its box",
    holds: (sel) => {
      const e = document.querySelector(sel);
      const box = e && e.closest(".scroll");
      if (!box || box.scrollWidth <= box.clientWidth) return false;
      const r = e.getBoundingClientRect(), b = box.getBoundingClientRect();
      return r.right > b.right + 0.5 || r.left < b.left - 0.5;
    },
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = 0;
const fail = (msg) => { failed++; console.log(msg); };

// The accessibility tree's view of each element matching selector: its
// role, name and description, as Chromium gives them to a screen reader.
async function axNodes(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("Accessibility.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector });
  const out = [];
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    const n = nodes[0] || {};
    out.push({
      role: n.role?.value, name: n.name?.value ?? "", description: n.description?.value ?? "",
      ignored: n.ignored,
    });
  }
  await cdp.detach();
  return out;
}

for (const [name, width] of [["desktop", 1280], ["phone", 375], ["narrow", 320]]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(pathToFileURL(report).href);
  await page.screenshot({ path: `${outdir}/${name}.png` });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > width) fail(`${name}: the page is ${wide}px wide in a ${width}px window (scrolls sideways)`);
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    }));
  for (const v of result.violations) {
    fail(`${name}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n")[1] || ""}`);
  }
  const explained = new Map();
  for (const r of result.incomplete) {
    for (const n of r.nodes) {
      const key = (n.any[0] || n.all[0] || n.none[0] || {}).data?.messageKey;
      let why = null;
      for (const a of ALLOWED)
        if (!why && a.rule === r.id && a.key.includes(key) && n.target.length === 1 &&
            await page.evaluate(a.holds, n.target[0]))
          why = a;
      if (why) {
        explained.set(why.why, (explained.get(why.why) || 0) + 1);
        continue;
      }
      fail(`${name}: ${r.id} undecided by axe and not explained: ${n.target.join(" ")}: ` +
        `${(n.any[0] || n.all[0] || n.none[0] || {}).message || r.help}`);
    }
  }
  console.log(`${name}: ${result.passes.length} rules passed, ${result.violations.length} violated`);
  for (const [why, n] of explained) console.log(`    undecided by axe, explained: ${n} x ${why}`);
  await page.close();
}

// What the page says, as a reader and a screen reader meet it.
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(pathToFileURL(report).href);
const dom = await page.evaluate(() => {
  const figs = [...document.querySelectorAll("figure")];
  return {
    tiles: figs.filter((f) => f.querySelector("ul.tiles")).map((f) => ({
      svg: !!f.querySelector("svg"),
      numbers: [...f.querySelectorAll("ul.tiles > li")].map((li) => {
        const big = li.querySelector(".big");
        return big ? big.textContent : "";
      }),
      selected: (() => {
        const r = document.createRange();
        r.selectNodeContents(f.querySelector("ul.tiles"));
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        return getSelection().toString();
      })(),
    })),
    matrices: figs.filter((f) => f.querySelector("table.matrix")).map((f) => ({
      svg: !!f.querySelector("svg"),
      details: !!f.querySelector("details"),
      rowHeaders: f.querySelectorAll("tbody th[scope=row]").length,
      colHeaders: f.querySelectorAll("thead th[scope=col]").length,
      cells: [...f.querySelectorAll("tbody td")].map((td) => td.textContent.trim()),
      rows: f.querySelectorAll("tbody tr").length,
    })),
    charts: document.querySelectorAll("figure > div.chart[role=img] svg").length,
    svgs: document.querySelectorAll("svg").length,
  };
});
const WORDS = new Set(["attended", "sent apologies", "absent", "not recorded"]);
if (dom.tiles.length !== wantTiles) fail(`${dom.tiles.length} figures of key figures as tiles, not ${wantTiles}`);
for (const t of dom.tiles) {
  if (t.svg) fail("a figure of key figures is drawn as an SVG");
  if (!t.numbers.length || t.numbers.some((n) => !/^(£?[0-9][0-9,.]*%?|\[[a-z]\])$/.test(n)))
    fail(`key figures' numbers are not text: ${JSON.stringify(t.numbers)}`);
  for (const n of t.numbers)
    if (!t.selected.includes(n)) fail(`the key figure ${n} cannot be selected as text`);
}
if (dom.matrices.length !== wantMatrices) fail(`${dom.matrices.length} attendance tables, not ${wantMatrices}`);
for (const m of dom.matrices) {
  if (m.svg) fail("an attendance matrix is drawn as an SVG");
  if (m.details) fail("an attendance matrix has a second table");
  if (m.rowHeaders !== m.rows || m.colHeaders < 2) fail("an attendance table lacks row or column headers");
  const bad = m.cells.filter((c) => !WORDS.has(c));
  if (!m.cells.length || bad.length) fail(`attendance cells without their words: ${JSON.stringify(bad.slice(0, 3))}`);
}
if (dom.charts !== wantCharts || dom.svgs !== wantCharts)
  fail(`${dom.charts} drawn charts in a named wrapper and ${dom.svgs} SVGs, not ${wantCharts}`);

// Chromium's accessibility tree: each chart one picture, named by its
// title alone, described by its text alternative; the SVG inside is not a
// second picture; a matrix cell reads its words.
const wrappers = await axNodes(page, "figure > div.chart[role=img]");
const titles = await page.$$eval("figure > div.chart[role=img] svg > title", (ts) => ts.map((t) => t.textContent));
const descs = await page.$$eval("figure > div.chart[role=img] svg > desc", (ds) => ds.map((d) => d.textContent));
wrappers.forEach((w, i) => {
  if (w.role !== "image" && w.role !== "img") fail(`chart ${i + 1}: role ${w.role}, not an image`);
  if (w.name !== titles[i] || w.name.length > 150)
    fail(`chart ${i + 1}: named ${JSON.stringify(w.name.slice(0, 200))}, not its title`);
  if (!w.description || w.description !== descs[i].replace(/\s+/g, " ").trim())
    fail(`chart ${i + 1}: described as ${JSON.stringify(w.description.slice(0, 80))}, not by its text alternative`);
});
const inner = await axNodes(page, "figure > div.chart[role=img] svg");
inner.forEach((n, i) => {
  if (!n.ignored && n.role && n.role !== "none" && n.role !== "generic")
    fail(`chart ${i + 1}: the SVG inside its wrapper is a ${n.role} of its own (${JSON.stringify(n.name.slice(0, 60))})`);
});
const cells = await axNodes(page, "table.matrix td");
for (const c of cells)
  if (!WORDS.has(c.name)) fail(`an attendance cell reads ${JSON.stringify(c.name)}`);
console.log(`tree: ${wrappers.length} charts named by their titles and described; ` +
  `${dom.tiles.reduce((n, t) => n + t.numbers.length, 0)} key figures as text; ${cells.length} attendance cells read as words`);

// On paper: a PDF printed from the page holds the contents and every
// chart's table, which the screen shows behind "Figure N as a table".
await page.emulateMedia({ media: "print" });
const hidden = await page.evaluate(() => {
  const shut = [...document.querySelectorAll("details table")].filter((t) => !t.checkVisibility());
  const nav = document.querySelector("nav");
  return { shut: shut.length, nav: !nav || !nav.checkVisibility() };
});
if (hidden.shut) fail(`print: ${hidden.shut} chart tables stay shut`);
if (hidden.nav) fail("print: the contents are hidden");
await page.pdf({ path: `${outdir}/print.pdf`, format: "A4" });
await page.close();
await browser.close();
if (failed) process.exit(1);
console.log("ok");
