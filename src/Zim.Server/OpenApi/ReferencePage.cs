namespace Zim.Server.OpenApi;

/// <summary>A plain API reference: reads /openapi/v1.json in the browser and lists every operation.</summary>
internal static class ReferencePage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ZIM user API server: API reference</title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #ccc; }
          code { font-size: .95em; }
        </style>
        </head>
        <body>
        <main>
          <h1>API reference</h1>
          <p>The machine-readable document is <a href="/openapi/v1.json">/openapi/v1.json</a> (OpenAPI 3).
             The ZIM actions share the path <code>/</code>; the admin API needs <code>Authorization: Bearer &lt;admin token&gt;</code>.</p>
          <table>
            <caption class="visually-hidden">Operations</caption>
            <thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Summary</th><th scope="col">Parameters</th></tr></thead>
            <tbody id="operations"><tr><td colspan="4">Loading…</td></tr></tbody>
          </table>
        </main>
        <script>
        fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
          const rows = [];
          for (const [path, item] of Object.entries(doc.paths || {})) {
            for (const [method, op] of Object.entries(item)) {
              if (!op || typeof op !== 'object' || !op.responses) continue;
              const tr = document.createElement('tr');
              const params = (op.parameters || []).map(p => p.name + (p.schema && p.schema.enum ? ' (' + p.schema.enum.join(' | ') + ')' : '')).join(', ');
              for (const text of [method.toUpperCase(), path, op.summary || op.operationId || '', params]) {
                const td = document.createElement('td');
                td.textContent = text;
                tr.appendChild(td);
              }
              rows.push(tr);
            }
          }
          document.getElementById('operations').replaceChildren(...rows);
        });
        </script>
        </body>
        </html>
        """;
}
