// Rasterizes the icon SVGs in this folder to the PNGs the manifest lists, with the system
// Chromium through Playwright (already a dev dependency). The PNGs are committed; run this only
// after changing an SVG: node pwa/icons/render.mjs

import { chromium } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));
const outputs = [
  ["icon.svg", 192, "icon-192.png"],
  ["icon.svg", 512, "icon-512.png"],
  ["icon-maskable.svg", 192, "icon-maskable-192.png"],
  ["icon-maskable.svg", 512, "icon-maskable-512.png"],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const [svg, size, png] of outputs) {
  const data = (await readFile(join(here, svg))).toString("base64");
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<body style="margin:0"><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}" style="display:block"></body>`,
  );
  await page.locator("img").evaluate((img) => img.decode());
  await page.screenshot({ path: join(here, png), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`${png}: ${size}x${size} from ${svg}`);
}
await browser.close();
