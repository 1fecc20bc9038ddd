// Drives Firefox and WebKit over WebDriver (selenium-webdriver): Debian's firefox-esr through
// geckodriver, and WebKitGTK's MiniBrowser through WebKitWebDriver on its own Xvfb display.
// Nothing is ever downloaded: every binary is given by path (Selenium Manager stays offline).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { existsSync } from "node:fs";
import { Builder } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";

process.env.SE_OFFLINE = "true";

export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
export const GECKODRIVER = process.env.GECKODRIVER ?? `${homedir()}/.cargo/bin/geckodriver`;
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
export const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** The engines `make test` runs besides Chromium (ENGINES=firefox,webkit by default). */
export const ENGINES = (process.env.ENGINES ?? "firefox,webkit").split(",").filter(Boolean);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForPort(port, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no WebDriver on port ${port} after ${ms} ms`);
}

/** A private X display for WebKitGTK, which needs one even when nobody looks. */
function startXvfb() {
  const x = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1400x1000x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    x.on("error", reject);
    x.stdio[3].once("data", (d) => resolve({ display: `:${String(d).trim()}`, stop: () => x.kill() }));
  });
}

/**
 * Starts an engine: { driver, name, stop }. `env` goes to WebKit's driver and browser (for
 * example JSC_useWasmSIMD=false: a real WebKit without WebAssembly SIMD).
 */
export async function startEngine(name, { env = {}, size = { width: 1280, height: 800 } } = {}) {
  if (name === "firefox") {
    for (const f of [FIREFOX, GECKODRIVER]) if (!existsSync(f)) throw new Error(`${f} is missing: run scripts/setup.sh test`);
    const options = new firefox.Options().setBinary(FIREFOX).addArguments("-headless").windowSize(size);
    const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options)
      .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER)).build();
    return { name, driver, stop: () => driver.quit() };
  }
  if (name === "webkit") {
    for (const f of [WEBKIT_DRIVER, MINIBROWSER]) if (!existsSync(f)) throw new Error(`${f} is missing: run scripts/setup.sh test`);
    const x = await startXvfb();
    const port = await freePort();
    const wd = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env: { ...process.env, DISPLAY: x.display, ...env }, stdio: "ignore" });
    await waitForPort(port);
    const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    }).build();
    await driver.manage().window().setRect(size);
    return {
      name,
      driver,
      stop: async () => {
        await driver.quit().catch(() => {});
        wd.kill();
        x.stop();
      },
    };
  }
  throw new Error(`unknown engine ${name}`);
}

/** Opens a URL and waits for the page to be ready (the core loaded, a link replayed, the
 * charts drawn); fails with the page's own message if it could not start. */
export async function openIn(driver, url) {
  await driver.get(url);
  await waitFor(driver, () => document.documentElement.dataset.ready === "true" || !document.getElementById("fatal").hidden, 30000);
  const fatal = await run(driver, () => (document.getElementById("fatal").hidden ? null : document.getElementById("fatal").textContent));
  if (fatal) throw new Error(`${url} did not start: ${fatal}`);
}

/** Waits until a function run in the page returns something truthy; returns it. */
export async function waitFor(driver, fn, ms = 15000, ...args) {
  const src = `return (${fn})(...arguments)`;
  return driver.wait(async () => (await driver.executeScript(src, ...args)) || false, ms, `waiting for ${String(fn).slice(0, 120)}`);
}

/** Runs a function in the page and returns its (JSON-able) result. */
export function run(driver, fn, ...args) {
  return driver.executeScript(`return (${fn})(...arguments)`, ...args);
}
