// Headless Debian Chromium driven by playwright-core (no browser download).
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './paths';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
