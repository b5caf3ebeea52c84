// The whole diagram as one standalone SVG file: every segment's drawing (the page holds only
// those near the view) stacked top to bottom on the panel's background, serialized as XML (an .svg
// file must be XML, not HTML).
const GAP = 16;

/** Mermaid's SVG text as an element (parsed as the page parses it, outside the page). */
function parsed(svg: string): SVGSVGElement | undefined {
  const template = document.createElement('template');
  template.innerHTML = svg;
  const element = template.content.firstElementChild;
  return element instanceof SVGSVGElement ? element : undefined;
}

export function standaloneSvg(svgs: readonly string[]): string {
  const drawn = svgs.map(parsed).filter((svg) => svg !== undefined);
  if (drawn.length === 0) return '';
  const svgNs = 'http://www.w3.org/2000/svg';
  const root = document.createElementNS(svgNs, 'svg');
  let y = 0;
  let width = 0;
  const placed: SVGSVGElement[] = [];
  for (const svg of drawn) {
    const box = svg.viewBox.baseVal;
    const w = box.width > 0 ? box.width : Number(svg.getAttribute('width')) || 0;
    const h = box.height > 0 ? box.height : Number(svg.getAttribute('height')) || 0;
    const copy = svg;
    copy.removeAttribute('style');
    copy.setAttribute('x', '0');
    copy.setAttribute('y', String(y));
    copy.setAttribute('width', String(w));
    copy.setAttribute('height', String(h));
    placed.push(copy);
    y += h + GAP;
    width = Math.max(width, w);
  }
  const height = Math.max(0, y - GAP);
  root.setAttribute('xmlns', svgNs);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // The theme's background, so light text from a dark theme stays readable in the file.
  const background = document.createElementNS(svgNs, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  root.append(background, ...placed);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}
