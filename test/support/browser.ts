/**
 * Real Chromium for the end-to-end tests, and axe-core run inside its pages. The browser is the
 * system one (/usr/bin/chromium, installed by apt in CI): never downloaded, and its absence is
 * a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with \`apt-get update && apt-get install -y chromium\` (the end-to-end tests never download a browser).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

const AXE_SCRIPT = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/** WCAG 2.0 and 2.1, levels A and AA: what the RGAA asks of a French public service. */
const AXE_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };

const BLOCKING_IMPACTS: ImpactValue[] = ['serious', 'critical'];

export interface AxeViolation {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; failureSummary: string | undefined }>;
}

/** The offending element's markup, cut short: on <html> or <body> it is the whole page. */
function shorten(html: string): string {
  return html.length > 300 ? `${html.slice(0, 300)}…` : html;
}

type AxeWindow = { axe?: { run(context: unknown, options: unknown): Promise<AxeResults> }; document: unknown };

/**
 * Makes axe-core available in every page of the context, before the page's own scripts: the
 * script is sent to the browser once rather than at each check. The pages' CSP (`script-src
 * 'self'`) refuses injected scripts, so the context must be created with `bypassCSP: true`.
 */
export async function installAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: AXE_SCRIPT });
}

/**
 * Runs axe-core in the page as it is now and returns its serious and critical violations, in a
 * shape that reads well in a failing assertion's diff.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const installed = await page.evaluate(() => typeof (globalThis as unknown as AxeWindow).axe !== 'undefined');
  if (!installed) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async (options) => {
    const window = globalThis as unknown as AxeWindow;
    if (!window.axe) throw new Error('axe-core is not loaded in the page (was the context created with bypassCSP: true?)');
    return (await window.axe.run(window.document, options)).violations;
  }, AXE_OPTIONS);
  return violations
    .filter((violation) => BLOCKING_IMPACTS.includes(violation.impact ?? null))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' >>> '), html: shorten(node.html), failureSummary: node.failureSummary })),
    }));
}

/** A readable report of violations, for the assertion message. */
export function formatAxeViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical axe violation`;
  const lines = [`${where}: ${violations.length} serious or critical axe violation(s)`];
  for (const violation of violations) {
    lines.push(`- [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes) {
      lines.push(`    at ${node.target}`, `       ${node.html}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split('\n').map((line) => `       ${line}`));
    }
  }
  return lines.join('\n');
}

/** Waits until the element is visible (a clear "waiting for getByRole(…)" message when it never is), then returns it. */
export async function see(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

/** Soft: one page's violations do not hide the rest of the scenario nor the other pages' reports. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect.soft(violations, formatAxeViolations(`${where} (${page.url()})`, violations)).toEqual([]);
}

/** A fresh French browser context (CSP bypassed for axe-core) with one tab, on the app at `baseUrl`. */
export async function openTab(browser: Browser, baseUrl: string): Promise<Page> {
  // The pages' CSP (script-src 'self') would refuse the injected axe-core script.
  const context = await browser.newContext({ baseURL: baseUrl, bypassCSP: true, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await installAxe(context);
  context.setDefaultTimeout(5_000);
  return context.newPage();
}
