import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { median } from './measure.js';

/** The web side of the benchmark: what the first visit downloads, and how soon the dashboard shows data. */

export async function initialJsGzip(webDist: string): Promise<{ bytes: number; files: string[] }> {
  const html = await readFile(path.join(webDist, 'index.html'), 'utf8');
  // What index.html loads eagerly: module scripts and modulepreloads. Lazy chunks (map, chart) come later.
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let bytes = 0;
  for (const f of new Set(files)) bytes += gzipSync(await readFile(path.join(webDist, f.replace(/^\//, '')))).byteLength;
  return { bytes, files: [...new Set(files)] };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Milliseconds from navigation until the list shows `expectedTotal` and the
 * map has drawn markers; median of `runs`. Each run is a new context (no
 * cache, no compiled code from the run before) of a browser that is already
 * running, as a user's is: one request for the server's /healthz first (no
 * page of the app: nothing of it is cached) takes Chromium's own start-up
 * (its renderer, network and GPU processes, ~200 ms of the first navigation
 * on this machine) out of the first run.
 */
export async function timeToData(url: string, expectedTotal: number, runs: number): Promise<number> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const warmUp = await browser.newPage();
    await warmUp.goto(new URL('/healthz', url).href);
    await warmUp.close();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(url, { waitUntil: 'commit' });
      const text = expectedTotal.toLocaleString('en-US');
      const handle = await page.waitForFunction(
        (t) => {
          const total = document.querySelector('[data-testid="total-count"]')?.textContent ?? '';
          const shown = total.replace(/[^0-9]/g, '') === t.replace(/[^0-9]/g, '');
          const rows = document.querySelectorAll('[data-testid="event-row"]').length > 0;
          const markers = document.querySelectorAll('.claimline-marker, .claimline-cluster, .claimline-stack').length > 0;
          return shown && rows && markers ? performance.now() : false;
        },
        text,
        { timeout: 60_000, polling: 'raf' },
      );
      times.push((await handle.jsonValue()) as number);
      await page.close();
    }
    return median(times);
  } finally {
    await browser.close();
  }
}
