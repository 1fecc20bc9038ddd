// Takes desktop and phone screenshots of the served page, to look at before calling it done.
// Usage (after `make build`): node tests/e2e/screenshot.mjs [out-dir]   (default: tests/e2e/artifacts)
import { mkdirSync } from "node:fs";
import { launch, openPage, serveWww } from "./harness.mjs";

const out = process.argv[2] ?? new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const sizes = { desktop: { width: 1280, height: 800 }, tablet: { width: 768, height: 1024 }, "tablet-landscape": { width: 1024, height: 768 }, phone: { width: 375, height: 667 } };
const server = await serveWww();
const browser = await launch();
try {
  for (const scheme of ["light", "dark"]) {
    for (const [name, viewport] of Object.entries(sizes)) {
      const { page, context } = await openPage(browser, server.url, { viewport, colorScheme: scheme, isMobile: name === "phone", hasTouch: name !== "desktop" });
      const file = `${out}/${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(`${file}${overflow > 0 ? `  (sideways overflow: ${overflow}px)` : ""}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
