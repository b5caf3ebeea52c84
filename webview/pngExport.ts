// Pictures for notes and chats, which show images rather than Mermaid: an SVG drawn onto a
// canvas at twice its size, on a filled background (so a dark vault or a chat keeps it readable).
// The SVG is drawn as an image, so its text uses the machine's fonts (Hangul included).

/** Twice the drawn size: sharp on high-density screens and when a note pane scales it down. */
export const PNG_SCALE = 2;
/** Chromium's largest canvas side; a larger picture is drawn smaller, and a far larger one refused. */
const MAX_SIDE = 16_384;
const MAX_AREA = 16_384 * 8_192;

export class PngTooLarge extends Error {}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getAttribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const width = Number(svg.getAttribute('width')) || (box?.[2] ?? 0);
  const height = Number(svg.getAttribute('height')) || (box?.[3] ?? 0);
  return { width, height };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolveImage, reject) => {
    const image = new Image();
    image.onload = () => { resolveImage(image); };
    image.onerror = () => { reject(new Error('the diagram could not be drawn as an image')); };
    image.src = url;
  });
}

/** Draws an SVG document as a PNG at PNG_SCALE (smaller if Chromium cannot hold it), on `background`. */
export async function svgToPng(svgText: string, background: string): Promise<Blob> {
  // Mermaid's SVG is HTML markup (it writes `&nbsp;`, which XML has no name for): read it as HTML;
  // the serializer below writes it back as XML. An HTML parser's document runs no script.
  const svg = new DOMParser().parseFromString(svgText, 'text/html').querySelector('svg');
  if (!(svg instanceof SVGSVGElement)) throw new Error('not an SVG document');
  const { width, height } = sizeOf(svg);
  if (width <= 0 || height <= 0) throw new Error('the diagram has no size');
  const scale = Math.min(PNG_SCALE, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  if (scale < 0.5) throw new PngTooLarge(`${Math.round(width)} × ${Math.round(height)} px is too large for one image`);
  // An image needs its own size; Mermaid's SVG says only max-width.
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.removeAttribute('style');
  const xml = new XMLSerializer().serializeToString(svg);
  const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no canvas to draw on');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolveBlob, reject) => {
    canvas.toBlob((blob) => { if (blob === null) reject(new Error('the image could not be encoded')); else resolveBlob(blob); }, 'image/png');
  });
}

/** The PNG as base64, the way it travels to the extension host. */
export async function pngBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** The panel's background colour: what the diagram was drawn on. */
export function panelBackground(): string {
  const colour = getComputedStyle(document.body).backgroundColor;
  return colour === '' || colour === 'rgba(0, 0, 0, 0)' || colour === 'transparent' ? '#ffffff' : colour;
}
