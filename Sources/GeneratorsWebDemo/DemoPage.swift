/// The demo's page: the seed's numbers as they arrive, the open streams, a fetch() reader of a
/// chunked stream, and the CSV download. With `?test=1` it reports what it saw to `/report`
/// (the browser test reads the report).
let demoPage = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>swift-generators: streaming from generators</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; color: #222; }
      h1 { font-size: 1.5rem; margin-bottom: .25rem; }
      .sub { color: #666; margin-top: 0; }
      section { border: 1px solid #ddd; border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; }
      h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
      code { background: #f3f3f3; padding: 0 .25rem; border-radius: 3px; }
      #seed { display: flex; gap: .4rem; list-style: none; padding: 0; margin: .5rem 0; flex-wrap: wrap; }
      #seed li { width: 2.2rem; height: 2.2rem; display: grid; place-items: center; border-radius: 6px;
                 background: #e8f0fe; font-weight: 600; animation: pop .3s ease-out; }
      @keyframes pop { from { transform: scale(.4); opacity: 0; } }
      #streams { font-size: 1.6rem; font-weight: 700; }
      #chunks { font-family: ui-monospace, monospace; font-size: .9rem; white-space: pre; margin: .5rem 0 0; }
      .status { color: #666; font-size: .9rem; }
    </style>
    </head>
    <body>
    <h1>Streaming from generators</h1>
    <p class="sub">Each stream on this page is a Swift generator, run while it is sent, closed when you leave.</p>

    <section>
      <h2>The seed: an async generator, 0 to 9, one a second (Server-Sent Events)</h2>
      <code>for i in 0..&lt;10 { try await g.yield(i); try await Task.sleep(for: .seconds(1)) }</code>
      <ol id="seed"></ol>
      <div class="status" id="seed-status">connecting…</div>
    </section>

    <section>
      <h2>Open streams on the server</h2>
      <span id="streams">…</span>
    </section>

    <section>
      <h2>A chunked response read piece by piece with <code>fetch()</code></h2>
      <button id="read">Read /chunks</button>
      <div id="chunks"></div>
    </section>

    <section>
      <h2>A 1 GB CSV made by a generator, in constant memory</h2>
      <a href="/data.csv" download>Download data.csv</a>
      <span class="status">(or <code id="curl">curl -s …/data.csv | wc -c</code>)</span>
    </section>

    <script>
    document.getElementById('curl').textContent = 'curl -s ' + location.origin + '/data.csv | wc -c';
    const params = new URLSearchParams(location.search);
    const testing = params.has('test');
    const pass = new URLSearchParams();
    for (const key of ['per', 'interval']) if (params.has(key)) pass.set(key, params.get(key));

    const seen = [];
    let opens = 0;
    const seedList = document.getElementById('seed');
    const seedStatus = document.getElementById('seed-status');
    const seed = new EventSource('/seed?' + pass);
    seed.onopen = () => { opens += 1; seedStatus.textContent = 'connected (' + opens + ')'; };
    seed.onmessage = (e) => {
      seen.push({ id: e.lastEventId, data: e.data });
      const li = document.createElement('li');
      li.textContent = e.data;
      seedList.appendChild(li);
    };
    const seedDone = new Promise((resolve) => seed.addEventListener('done', () => {
      seed.close();
      seedStatus.textContent = 'done: all 10 values, over ' + opens + ' connection(s)';
      resolve();
    }));

    const streams = new EventSource('/streams');
    streams.addEventListener('streams', (e) => { document.getElementById('streams').textContent = e.data; });

    async function readChunks(query) {
      const out = document.getElementById('chunks');
      out.textContent = '';
      const response = await fetch('/chunks?' + query);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const pieces = [];
      const start = performance.now();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        pieces.push(text);
        out.textContent += '+' + Math.round(performance.now() - start) + ' ms  ' + text;
      }
      return pieces;
    }
    document.getElementById('read').onclick = () => readChunks('n=10&interval=0.3');

    if (testing) {
      (async () => {
        const pieces = await readChunks('n=5&interval=0.2');
        await seedDone;
        await fetch('/report', { method: 'POST', body: JSON.stringify({ seen, opens, pieces }) });
      })();
    }
    </script>
    </body>
    </html>
    """#
