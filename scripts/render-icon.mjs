// `npm run icon`: draws media/icon.png (128 px, what VS Code and the marketplace show on the
// extension's page; they take no SVG there): a sequence diagram in small, as media/icon.svg (the
// panel's tab icon) draws it, two lifelines, a request and its answer, white on a rounded square,
// rendered by headless Chromium.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/setup.mjs';
import { ensureChromium } from './lib/system-packages.mjs';

const SIZE = 128;
// Drawn at icon size rather than scaled up from the 16 px glyph, whose half arrowheads blur.
const glyph = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">
  <g fill="#ffffff"><rect x="12" y="6" width="28" height="16" rx="3"/><rect x="56" y="6" width="28" height="16" rx="3"/></g>
  <g stroke="#ffffff" stroke-width="4"><line x1="26" y1="22" x2="26" y2="90"/><line x1="70" y1="22" x2="70" y2="90"/>
    <line x1="26" y1="42" x2="60" y2="42"/><line x1="70" y1="66" x2="36" y2="66" stroke-dasharray="7 5"/></g>
  <g fill="#ffffff"><polygon points="70,42 58,35 58,49"/><polygon points="26,66 38,59 38,73"/></g>
</svg>`;
const page = `<!DOCTYPE html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px;border-radius:24px;background:linear-gradient(135deg,#2563eb,#0f766e);display:flex;align-items:center;justify-content:center;color:#ffffff">
  ${glyph}
</div></body></html>`;

const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const tab = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await tab.setContent(page);
  const out = join(ROOT, 'media', 'icon.png');
  await tab.screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out} (${SIZE}×${SIZE})`);
} finally {
  await browser.close();
}
