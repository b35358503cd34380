// The floor: the least a Canvas2D editor has to do to show the scene. One
// canvas, an rbush index of the objects' boxes, and on every camera change a
// full redraw of what the index finds on screen. No tiles, no caches, no
// framework: what a renderer does beyond this has to pay for itself.
//
// window.__bench, as the driver uses it on every contender:
//   opened           resolves with { count, at } once the first complete frame is drawn
//                    (at: performance.now(), since navigation start)
//   setCamera(x, y, zoom)   page point (x, y) at the top left, drawn on the next frame
//   whenRendered()   resolves once the current camera is on the canvas
//   size()           the canvas's CSS size
import RBush from 'rbush';

const canvas = document.getElementById('c');
const ctx = canvas.getContext('2d');
const tree = new RBush(16);
let camera = { x: 0, y: 0, zoom: 1 };
let scheduled = false;
let waiting = [];
let width = 0;
let height = 0;
let dpr = 1;

function resize() {
  dpr = window.devicePixelRatio || 1;
  width = canvas.clientWidth;
  height = canvas.clientHeight;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  invalidate();
}

function invalidate() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(draw);
}

function roundRect(x, y, w, h, r) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, Math.min(r, w / 2, h / 2));
}

function drawObject(o, zoom) {
  const x = o.x;
  const y = o.y;
  switch (o.type) {
    case 'rectangle':
      ctx.fillStyle = o.fill;
      if (o.cornerRadius && o.width * zoom > 4) roundRect(x, y, o.width, o.height, o.cornerRadius);
      else {
        ctx.beginPath();
        ctx.rect(x, y, o.width, o.height);
      }
      ctx.fill();
      if (o.stroke && o.strokeWidth) {
        ctx.strokeStyle = o.stroke;
        ctx.lineWidth = o.strokeWidth;
        ctx.stroke();
      }
      break;
    case 'ellipse':
      ctx.fillStyle = o.fill;
      ctx.beginPath();
      ctx.ellipse(x + o.width / 2, y + o.height / 2, o.width / 2, o.height / 2, 0, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'text':
      ctx.fillStyle = o.fill;
      // Text smaller than 4 screen pixels cannot be read: a bar where it would be.
      if (o.fontSize * zoom < 4) ctx.fillRect(x, y + o.fontSize * 0.3, o.width * 0.8, o.fontSize * 0.5);
      else {
        ctx.font = `${o.fontSize}px sans-serif`;
        ctx.textBaseline = 'top';
        ctx.fillText(o.text, x, y, o.width);
      }
      break;
  }
}

function draw() {
  scheduled = false;
  const { x, y, zoom } = camera;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, -x * zoom * dpr, -y * zoom * dpr);
  const visible = tree.search({ minX: x, minY: y, maxX: x + width / zoom, maxY: y + height / zoom });
  // The index returns them in no order: the scene's order is back to front.
  visible.sort((a, b) => a.order - b.order);
  for (const item of visible) drawObject(item.object, zoom);
  for (const resolve of waiting.splice(0)) resolve();
}

function setCamera(x, y, zoom) {
  camera = { x, y, zoom };
  invalidate();
}

function whenRendered() {
  if (!scheduled) return Promise.resolve();
  return new Promise((resolve) => waiting.push(resolve));
}

async function open() {
  const n = Number(new URLSearchParams(location.search).get('n'));
  const response = await fetch(`/scene/${n}.json`);
  if (!response.ok) throw new Error(`the scene did not load: ${response.status}`);
  const objects = await response.json();
  tree.load(objects.map((object, order) => ({
    minX: object.x, minY: object.y, maxX: object.x + object.width, maxY: object.y + object.height, order, object,
  })));
  resize();
  await whenRendered();
  const at = performance.now();
  return { count: tree.all().length, at };
}

window.addEventListener('resize', resize);
window.__bench = {
  opened: open(),
  setCamera,
  whenRendered,
  size: () => ({ width, height }),
};
