/** A self-contained page that reads /api/openapi.json: no CDN, works offline. */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claimline API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d232a}
h1{margin-bottom:0}code{background:#f1f3f5;padding:0 .25em;border-radius:3px}
.op{border:1px solid #d5dbe1;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
.m{font-weight:700;text-transform:uppercase;margin-right:.5rem;color:#0b6e4f}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-top:1px solid #e3e7eb;padding:.25rem .5rem;text-align:left;vertical-align:top}
.muted{color:#5c6670}
</style></head><body>
<h1>Claimline API</h1><p class="muted">Generated from the zod schemas: <a href="/api/openapi.json">openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code>.</p>
<main id="ops">Loading…</main>
<script type="module" src="/api/docs.js"></script></body></html>`;

/** Served as a file so the CSP needs no 'unsafe-inline' for scripts. */
export const DOCS_JS = `
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[ch]));
const doc = await (await fetch('/api/openapi.json')).json();
const out = [];
for (const [path, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const params = (op.parameters ?? []).map((p) => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.in) + '</td><td>' + esc(p.schema?.type ?? (p.schema?.enum ? 'enum' : '')) + (p.schema?.enum ? ': ' + esc(p.schema.enum.join(', ')) : '') + '</td><td>' + esc(p.description ?? p.schema?.description ?? '') + '</td></tr>').join('');
    const responses = Object.entries(op.responses ?? {}).map(([code, r]) => '<code>' + code + '</code> ' + esc(r.description)).join(' · ');
    out.push('<section class="op"><div><span class="m">' + method + '</span><code>' + esc(path) + '</code></div><p>' + esc(op.summary) + '</p>' + (params ? '<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>' + params + '</table>' : '') + '<p class="muted">' + responses + '</p></section>');
  }
}
document.getElementById('ops').innerHTML = out.join('');
`;
