// The benchmark's scene, the same for every contender: n objects on a grid
// 100 px apart, in turn a rounded rectangle, an ellipse and a line of text,
// coloured from a fixed palette. Deterministic: object k is always the same.
export const SPACING = 100;
const PALETTE = ['#e03131', '#2f9e44', '#1971c2', '#f08c00', '#6741d9', '#0c8599', '#c2255c', '#5c940d'];
const WORDS = ['design', 'vellum', 'frame', 'layer', 'vector', 'canvas', 'pixel', 'shape'];

export const columns = (n) => Math.ceil(Math.sqrt(n));

/** The scene's page box: what "zoomed out so every object is on screen" fits. */
export function sceneBox(n) {
  const cols = columns(n);
  return { minX: 0, minY: 0, maxX: cols * SPACING, maxY: Math.ceil(n / cols) * SPACING };
}

/** The objects, in Vellum's property names (what the floor and the Excalidraw page read too). */
export function scene(n) {
  const cols = columns(n);
  const out = new Array(n);
  for (let k = 0; k < n; k++) {
    const x = (k % cols) * SPACING;
    const y = Math.floor(k / cols) * SPACING;
    const fill = PALETTE[k % PALETTE.length];
    const id = `o${k}`;
    switch (k % 3) {
      case 0:
        out[k] = { id, type: 'rectangle', x, y, width: 80, height: 60, fill, stroke: '#222222', strokeWidth: 1, cornerRadius: 6 };
        break;
      case 1:
        out[k] = { id, type: 'ellipse', x, y, width: 80, height: 60, fill };
        break;
      default:
        out[k] = { id, type: 'text', x, y, width: 80, height: 40, fill: '#111111', fontSize: 14, text: `${WORDS[k % WORDS.length]} ${k}` };
    }
  }
  return out;
}
