// Excalidraw (@excalidraw/excalidraw from npm) showing the benchmark's scene,
// with the same window.__bench as the floor (see ../floor/main.js). Its
// elements are drawn without hand-drawn wobble (roughness 0) and in
// Helvetica (fontFamily 2), so that it does what the others do.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { Excalidraw, convertToExcalidrawElements } from '@excalidraw/excalidraw';
import '@excalidraw/excalidraw/index.css';

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
// After two frames Excalidraw has committed the update and painted its canvas.
const twoFrames = async () => {
  await frame();
  await frame();
};

function elementOf(o) {
  const common = { id: o.id, x: o.x, y: o.y, roughness: 0, opacity: 100 };
  switch (o.type) {
    case 'rectangle':
      return { ...common, type: 'rectangle', width: o.width, height: o.height, backgroundColor: o.fill, fillStyle: 'solid',
        strokeColor: o.stroke, strokeWidth: o.strokeWidth, roundness: { type: 3, value: o.cornerRadius } };
    case 'ellipse':
      return { ...common, type: 'ellipse', width: o.width, height: o.height, backgroundColor: o.fill, fillStyle: 'solid',
        strokeColor: 'transparent', strokeWidth: 1 };
    default:
      return { ...common, type: 'text', text: o.text, fontSize: o.fontSize, fontFamily: 2, strokeColor: o.fill };
  }
}

let api = null;
let gotApi;
const apiReady = new Promise((resolve) => (gotApi = resolve));

async function open() {
  const n = Number(new URLSearchParams(location.search).get('n'));
  const response = await fetch(`/scene/${n}.json`);
  if (!response.ok) throw new Error(`the scene did not load: ${response.status}`);
  const objects = await response.json();
  const elements = convertToExcalidrawElements(objects.map(elementOf), { regenerateIds: false });
  createRoot(document.getElementById('root')).render(
    h(Excalidraw, {
      initialData: { elements, appState: { viewBackgroundColor: '#ffffff', scrollX: 0, scrollY: 0, zoom: { value: 1 } } },
      excalidrawAPI: (a) => {
        api = a;
        gotApi(a);
      },
    }),
  );
  await apiReady;
  while (api.getSceneElements().length < n) await frame();
  await twoFrames();
  const at = performance.now();
  return { count: api.getSceneElements().length, at };
}

window.__bench = {
  opened: open(),
  setCamera(x, y, zoom) {
    api.updateScene({ appState: { scrollX: -x, scrollY: -y, zoom: { value: zoom } } });
  },
  whenRendered: twoFrames,
  size() {
    const { width, height } = api.getAppState();
    return { width, height };
  },
  zoom: () => api.getAppState().zoom.value,
};
