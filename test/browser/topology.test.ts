// The topology page in headless Chromium: the same HTML the extension gives its webview (with a
// stand-in cspSource), the same bundled script, and a graph with hostile names posted to it.
// Saves .test-artifacts/topology.png. Fails, never skips, when Chromium is missing.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { makeNonce, topologyHtml } from '../../client/src/views/html';
import { workspaceFromFiles } from '../../server/src/model/testing';
import { buildTopology } from '../../server/src/topology/graph';
import type { Topology } from '../../server/src/topology/types';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOSTILE = '<img src=x onerror=alert(1)>';
const ARTIFACTS = path.join(ROOT, '.test-artifacts');

/** The examples plus a module whose names hold markup. */
function fixtureGraph(): Topology {
  const files: Record<string, string> = {};
  for (const dir of ['consumer', 'consumer-dns', 'provider']) {
    for (const f of fs.readdirSync(path.join(ROOT, 'examples', dir))) {
      if (f.endsWith('.tf')) files[`/ws/${dir}/${f}`] = fs.readFileSync(path.join(ROOT, 'examples', dir, f), 'utf8');
    }
  }
  // Terraform names are identifiers; the strings a user writes (tags, names, records) are not.
  files['/ws/evil/main.tf'] = `
resource "aws_vpc" "evil" {
  cidr_block = "10.9.0.0/16"
  tags = { Name = "${HOSTILE}" }
}
resource "aws_security_group" "evil" {
  name   = "</text><script>alert(2)</script>"
  vpc_id = aws_vpc.evil.id
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id             = aws_vpc.evil.id
  service_name       = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = ["subnet-1"]
  security_group_ids = [aws_security_group.evil.id]
}
resource "aws_route53_record" "evil" {
  zone_id = "Z1"
  name    = "${HOSTILE}"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.sts.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.sts.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}
`;
  return buildTopology(workspaceFromFiles(files));
}

interface PageWindow {
  __posted: { type: string; location?: unknown }[];
  __alerts: string[];
  __violations: string[];
  __inlineRan?: boolean;
}

describe('topology webview in Chromium', function () {
  this.timeout(60_000);
  // playwright-core's types are loaded lazily: the module is only needed here.
  let browser: import('playwright-core').Browser | undefined;
  let server: http.Server | undefined;
  let page: import('playwright-core').Page;
  let graph: Topology;
  let html: string;

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: run scripts/ensure-system-deps.sh (or set CHROMIUM_PATH). This test does not skip.`,
      );
    }
    const { chromium } = await import('playwright-core');
    const script = buildSync({
      entryPoints: [path.join(ROOT, 'client/src/views/webview/main.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      write: false,
    }).outputFiles[0].text;
    server = http.createServer((req, res) => {
      if (req.url === '/webview.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(script);
      } else if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    html = topologyHtml({
      cspSource: origin,
      nonce: makeNonce((n) => new Uint8Array(n).map(() => Math.floor(Math.random() * 256))),
      scriptUri: `${origin}/webview.js`,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.addInitScript(() => {
      const w = window as unknown as PageWindow & { acquireVsCodeApi: () => unknown; alert: (m: string) => void };
      w.__posted = [];
      w.__alerts = [];
      w.__violations = [];
      w.alert = (m: string) => void w.__alerts.push(String(m));
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      w.acquireVsCodeApi = () => ({
        postMessage: (m: { type: string }) => w.__posted.push(m),
        getState: () => undefined,
        setState: () => undefined,
      });
    });
    graph = fixtureGraph();
    await page.goto(origin);
    await page.waitForFunction(() => (window as unknown as PageWindow).__posted.some((m) => m.type === 'ready'));
    await page.evaluate(
      (g) => window.postMessage({ type: 'graph', graph: g, scope: 'workspace' }, '*'),
      graph as unknown as Record<string, unknown>,
    );
    await page.waitForSelector('#canvas svg g.node');
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('draws one node per graph node, the hostile name as text, and saves a screenshot', async () => {
    const nodes = await page.locator('#canvas g.node').count();
    assert.equal(nodes, graph.nodes.length);
    assert.ok(graph.nodes.length >= 20, 'the fixture has the examples and the hostile module');
    const texts = await page.locator('#canvas svg text').allTextContents();
    // Long labels are cut on the node and given whole in its tooltip.
    assert.ok(
      texts.some((t) => t.startsWith('<img src=x')),
      `hostile label not shown as text: ${texts.join(' | ')}`,
    );
    const titles = await page.locator('#canvas svg title').allTextContents();
    assert.ok(
      titles.some((t) => t.includes(HOSTILE)),
      'hostile name not in a tooltip',
    );
    assert.ok(
      texts.some((t) => t.includes('</text><script>')),
      'hostile security group name not shown as text',
    );
    assert.equal(await page.locator('img').count(), 0, 'an <img> element was created');
    assert.equal(await page.locator('script').count(), 1);
    const w = await page.evaluate(() => ({ alerts: (window as unknown as PageWindow).__alerts }));
    assert.deepEqual(w.alerts, []);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'topology.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'topology.png')).size > 10_000);
  });

  it('shows finding badges and colours nodes by their worst severity', async () => {
    const badges = await page.locator('#canvas g.badge text').allTextContents();
    assert.ok(badges.includes('PL101'), badges.join(','));
    assert.ok(badges.includes('PL603'), badges.join(','));
    const ep = graph.nodes.find((n) => n.address === 'aws_vpc_endpoint.interface["ecr.api"]')!;
    const cls = await page.locator(`#canvas g.node[data-node="${ep.id.replace(/"/g, '\\"')}"]`).getAttribute('class');
    assert.match(cls ?? '', /severity-error/);
  });

  it('has the strict Content Security Policy, and it blocks inline script without the nonce', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'no CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9_-]{20,}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/(?!127\.0\.0\.1)/);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(s);
    });
    const ran = await page.evaluate(() => (window as unknown as PageWindow).__inlineRan === true);
    assert.equal(ran, false, 'an inline script without the nonce ran');
    const violations = await page.evaluate(() => (window as unknown as PageWindow).__violations);
    assert.ok(
      violations.some((v) => v.startsWith('script-src')),
      violations.join(','),
    );
  });

  it('posts the block to open when a node or a finding badge is clicked', async () => {
    const svc = graph.nodes.find((n) => n.address === 'aws_vpc_endpoint_service.orders')!;
    await page.evaluate(() => ((window as unknown as PageWindow).__posted = []));
    await page.locator(`#canvas g.node[data-node="${svc.id}"] > rect`).first().click();
    let posted = await page.evaluate(() => (window as unknown as PageWindow).__posted);
    assert.deepEqual(posted, [{ type: 'open', location: svc.location }]);
    await page.evaluate(() => ((window as unknown as PageWindow).__posted = []));
    await page.locator(`#canvas g.badge[data-node="${svc.id}"]`).first().click();
    posted = await page.evaluate(() => (window as unknown as PageWindow).__posted);
    assert.equal(posted.length, 1);
    assert.ok(
      svc.findings.some((f) => JSON.stringify(f.location) === JSON.stringify(posted[0].location)),
      'the badge opens one of its findings',
    );
    assert.notDeepEqual(posted[0].location, svc.location);
  });
});
