// Screenshots of each phase at desktop and phone width, with several data points and powers
// of ten, and what a screen reader hears of the diagram: `node look.mjs OUTDIR [query]`.
import { launch, serveWww } from "./harness.mjs";
const out = process.argv[2] ?? "artifacts/look";
const query = process.argv[3] ?? "v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.2_0.1,0.5_0.9,0.8_0.2&pick=1&cost=squared&lr=3";
const { mkdirSync } = await import("node:fs");
mkdirSync(out, { recursive: true });
const server = await serveWww();
const browser = await launch();
for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
  const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${server.url}?${query}`);
  await page.waitForSelector("html[data-ready=true]");
  for (const phase of ["ready", "forward", "backward", "update"]) {
    if (phase !== "ready") {
      await page.click("#step-phase");
      await page.waitForFunction((p) => window.backpropLab.lab.snapshot.phase === p, phase);
    }
    await page.screenshot({ path: `${out}/${name}-${phase}.png`, fullPage: name === "phone" });
    console.log(`--- ${name} ${phase}: ${await page.textContent("#diagram-desc")}`);
  }
  await context.close();
}
await browser.close();
await server.close();
