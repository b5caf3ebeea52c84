import * as assert from 'node:assert/strict';
import { labHtml } from '../../src/panel/labHtml';
import { contentSecurityPolicy, createNonce, scriptSafeJson } from '../../src/panel/webviewPage';

describe('lab page HTML', () => {
  const html = labHtml({ cspSource: 'https://webview.test', scriptUri: 'https://webview.test/lab.js', styleUri: 'https://webview.test/lab.css', title: 'Lab', nonce: 'abc123' });

  it('has a strict CSP: nothing by default, scripts only with the nonce', () => {
    const csp = contentSecurityPolicy('https://webview.test', 'abc123');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe/);
    assert.match(csp, /style-src https:\/\/webview\.test 'unsafe-inline'/);
    assert.ok(html.includes(`content="${csp.replace(/'/g, "'")}"`));
  });

  it('loads one script and runs one inline first (the kept drawing), both carrying the nonce (the other element is inert JSON data)', () => {
    const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !tag.includes('type="application/json"'));
    assert.deepEqual(scripts, ['<script nonce="abc123">', '<script nonce="abc123" src="https://webview.test/lab.js">']);
    assert.ok(html.indexOf('id="first-paint"') < html.indexOf('<script nonce="abc123">'), 'the first script runs after the element it paints into');
    assert.equal((html.match(/<script type="application\/json" id="l10n-bundle">/g) ?? []).length, 1);
  });

  it('embeds the translation bundle so that no text in it can close the element', () => {
    const hostile = { '</script><script>alert(1)</script>': '<!-- & \u2028' };
    const page = labHtml({ cspSource: 'https://webview.test', scriptUri: 'https://webview.test/lab.js', styleUri: 'https://webview.test/lab.css', title: 'Lab', nonce: 'abc123', bundle: hostile });
    const embedded = /<script type="application\/json" id="l10n-bundle">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    assert.doesNotMatch(embedded, /[<>&\u2028]/);
    assert.deepEqual(JSON.parse(embedded), hostile);
    assert.equal(scriptSafeJson(undefined), 'null');
  });

  it('makes a fresh nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
  });

  it('escapes the title and URIs', () => {
    const hostile = labHtml({ cspSource: 'x', scriptUri: 'a"b', styleUri: 's', title: '<script>alert(1)</script>', nonce: 'n' });
    assert.ok(!hostile.includes('<script>alert(1)'));
    assert.ok(hostile.includes('src="a&quot;b"'));
  });
});
