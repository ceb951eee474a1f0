// Opens the HTML report in the system's headless Chromium, at a desktop
// width and at a 320-pixel phone width: takes a screenshot of each, checks
// the page never scrolls sideways (WCAG 1.4.10), and runs axe-core for
// WCAG 2.1 A and AA. Prints "ok" or the violations, and exits non-zero on
// any.
//
//   node check.mjs REPORT.html OUTDIR
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [, , report, outdir] = process.argv;
const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = 0;
for (const [name, width] of [["desktop", 1280], ["phone", 320]]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(pathToFileURL(report).href);
  await page.screenshot({ path: `${outdir}/${name}.png` });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > width) {
    console.log(`${name}: the page is ${wide}px wide in a ${width}px window (scrolls sideways)`);
    failed++;
  }
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }));
  for (const v of result.violations) {
    failed++;
    console.log(`${name}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n")[1] || ""}`);
  }
  console.log(`${name}: ${result.passes.length} rules passed, ${result.violations.length} violated`);
  await page.close();
}
await browser.close();
if (failed) process.exit(1);
console.log("ok");
