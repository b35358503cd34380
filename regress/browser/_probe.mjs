import { person, register, hook, until, base, psql } from './harness.mjs';
const ada = await register(await person('Ada'));
await ada.page.getByRole('button', { name: 'New file' }).click();
await ada.page.waitForURL(/\/file\//);
const fileId = ada.page.url().match(/\/file\/([0-9a-f-]{36})/)[1];
await ada.page.goto(base + '/');
await ada.context.addInitScript(() => {
  const t0 = performance.now();
  window.__marks = [];
  const mark = (m) => window.__marks.push([m, Math.round(performance.now())]);
  const WS = window.WebSocket;
  window.WebSocket = function (...a) { mark('ws-new'); const s = new WS(...a); s.addEventListener('open', () => mark('ws-open')); s.addEventListener('message', (e) => { if (String(e.data).includes('"sync"')) mark('sync-msg'); }); return s; };
  window.WebSocket.prototype = WS.prototype;
  const open = indexedDB.open.bind(indexedDB);
  indexedDB.open = (...a) => { mark('idb-open'); const r = open(...a); r.addEventListener('success', () => mark('idb-ok')); return r; };
  document.addEventListener('DOMContentLoaded', () => mark('dcl'));
});
for (let i = 0; i < 3; i++) {
  await ada.page.goto(`${base}/file/${fileId}?bench=1`);
  await until(() => hook(ada, 'editor && editor.pending() === 0'));
  await ada.page.waitForTimeout(300);
  const r = await ada.page.evaluate(() => ({ marks: window.__marks, res: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd)]), nav: Math.round(performance.getEntriesByType('navigation')[0].responseEnd) }));
  console.log(JSON.stringify(r));
}
await ada.close();
