/*
 * <bpl-network-diagram>: the network drawn as TensorFlow Playground draws it. Columns are layers; each unit is a
 * small square showing its output over the input square; edges are orange for negative and blue for positive
 * weights, thicker for larger |weight| (relative to the layer's largest); dead units are greyed out. Hovering a
 * unit or an edge shows its values. Java side: org.backproplab.training.ui.NetworkDiagram.
 *
 * The DOM (unit canvases, SVG paths) is rebuilt only when the structure or the size changes; a new state only
 * repaints thumbnails and restyles existing paths. Nothing runs while idle.
 */
import {
  BLUE, NON_FINITE_SHORT, ORANGE, type Palette, RedrawScheduler, css, decodeBase64, decodeFloat32, decodeInt16,
  diverging, formatNumber, paintCells, readPalette, unquantize, upgradeProperties,
} from './lab-support';

interface ColumnPayload {
  kind: 'input' | 'hidden' | 'output';
  title: string;
  activation: string | null;
  units: number;
  names: string[];
}

interface StructurePayload {
  columns: ColumnPayload[];
  maxDrawn: number;
}

interface ThumbnailColumn {
  data: string;
  mins: (number | null)[];
  maxs: (number | null)[];
}

interface EdgeLayer {
  layer: number;
  from: number;
  to: number;
  maxAbs: number;
  weights: string;
  biases: string;
}

interface StatePayload {
  thumbnailResolution: number;
  thumbnails: ThumbnailColumn[] | null;
  edges: EdgeLayer[];
  dead: boolean[][];
  deadCounts: number[];
}

interface DecodedEdges {
  layer: EdgeLayer;
  weights: Int16Array;
  biases: Float32Array;
}

interface UnitView {
  column: number;
  unit: number;
  element: HTMLDivElement;
  canvas: HTMLCanvasElement;
}

interface EdgeView {
  layer: number;
  from: number;
  to: number;
  path: SVGPathElement;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const RIGHT_MARGIN = 12;
/** Line heights (px) of the column title and of the smaller text lines (subtitles, "+N more"). */
const TITLE_LINE = 15;
const TEXT_LINE = 13;
/** Horizontal room kept free between the texts of neighbouring columns. */
const TEXT_GAP = 6;
/** Below this column spacing (px) the diagram's texts use a smaller font and abbreviations. */
const COMPACT_SPACING = 64;
/** Short forms of activation names for narrow columns; the header's tooltip has the full text. */
const SHORT_ACTIVATIONS: Record<string, string> = { sigmoid: 'sigm', leaky_relu: 'leaky', linear: 'lin' };

const STYLE = `
  :host {
    display: block;
    position: relative;
    height: 320px;
    min-height: 160px;
    min-width: 240px;
    font-family: var(--lumo-font-family, system-ui, sans-serif);
    font-size: var(--lumo-font-size-xxs, 11px);
    color: var(--lumo-body-text-color, #1b2b3a);
    background: var(--lumo-base-color, #fff);
    border-radius: var(--lumo-border-radius-m, 6px);
    box-shadow: inset 0 0 0 1px var(--lumo-contrast-10pct, rgba(26, 57, 96, 0.1));
    overflow: hidden;
    user-select: none;
  }
  :host([hidden]) { display: none; }
  .stage { position: absolute; inset: 0; }
  svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
  path.edge { fill: none; stroke-linecap: round; pointer-events: none; }
  path.hit { fill: none; stroke: transparent; stroke-width: 7px; pointer-events: stroke; cursor: help; }
  path.hit:hover + path.edge, path.edge.hover { stroke-opacity: 1 !important; }
  .highlight {
    position: absolute; top: 2px; bottom: 2px; display: none;
    background: var(--lumo-primary-color-10pct, rgba(0, 100, 255, 0.1));
    box-shadow: inset 0 0 0 1px var(--lumo-primary-color-50pct, rgba(0, 100, 255, 0.5));
    border-radius: var(--lumo-border-radius-m, 6px);
  }
  .header {
    position: absolute; top: 4px; transform: translateX(-50%); text-align: center; white-space: nowrap;
    cursor: default;
  }
  .header > div { overflow: hidden; text-overflow: ellipsis; height: ${TEXT_LINE}px; line-height: ${TEXT_LINE}px; }
  .header .title {
    font-weight: 600; font-size: var(--lumo-font-size-xs, 12px); height: ${TITLE_LINE}px; line-height: ${TITLE_LINE}px;
  }
  .header .sub { color: var(--lumo-secondary-text-color, #556); }
  .header .dead-count { color: var(--lumo-error-text-color, #c5221f); }
  .compact .header > div, .compact .more, .compact .legend { font-size: 10px; }
  .compact .header .title { font-size: 11px; }
  /* A dead unit in miniature (crossed square): stands for the word "dead" where a column is too narrow for it. */
  .glyph {
    display: inline-block; box-sizing: border-box; width: 8px; height: 8px; margin-right: 2px; vertical-align: -1px;
    border: 1px solid var(--lumo-contrast-50pct, rgba(26, 57, 96, 0.5)); border-radius: 1px;
    background: linear-gradient(to top right, transparent calc(50% - 0.6px),
      var(--lumo-contrast-50pct, rgba(26, 57, 96, 0.5)) 50%, transparent calc(50% + 0.6px));
  }
  .legend {
    position: absolute; right: 6px; bottom: 3px; white-space: nowrap; pointer-events: none;
    line-height: ${TEXT_LINE}px; color: var(--lumo-secondary-text-color, #556);
  }
  .legend[hidden] { display: none; }
  .header.highlighted .title { color: var(--lumo-primary-text-color, #0062d6); }
  .unit {
    position: absolute; box-sizing: border-box; border-radius: 2px; cursor: help;
    background: var(--lumo-contrast-10pct, rgba(26, 57, 96, 0.1));
    box-shadow: 0 0 0 1px var(--lumo-contrast-30pct, rgba(26, 57, 96, 0.3));
  }
  .unit canvas { width: 100%; height: 100%; display: block; border-radius: 2px; }
  .unit:hover { box-shadow: 0 0 0 2px var(--lumo-body-text-color, #1b2b3a); }
  .unit.dead { box-shadow: 0 0 0 1px var(--lumo-contrast-50pct, rgba(26, 57, 96, 0.5)); }
  .unit.dead canvas { filter: grayscale(1); opacity: 0.3; }
  .unit.dead::after {
    content: ''; position: absolute; inset: 0; border-radius: 2px;
    background: linear-gradient(to top right, transparent calc(50% - 0.75px),
      var(--lumo-contrast-50pct, rgba(26, 57, 96, 0.5)) 50%, transparent calc(50% + 0.75px));
  }
  .name {
    position: absolute; transform: translate(-100%, -50%); padding-right: 6px; white-space: nowrap;
    color: var(--lumo-secondary-text-color, #556); pointer-events: none;
  }
  .more {
    position: absolute; transform: translateX(-50%); white-space: pre; text-align: center; pointer-events: none;
    line-height: ${TEXT_LINE}px; color: var(--lumo-secondary-text-color, #556);
  }
  .tooltip {
    position: absolute; z-index: 2; pointer-events: none; white-space: pre-line; max-width: 230px;
    padding: 4px 8px; border-radius: var(--lumo-border-radius-s, 4px);
    background: var(--lumo-base-color, #fff); color: var(--lumo-body-text-color, #1b2b3a);
    box-shadow: var(--lumo-box-shadow-s, 0 2px 6px rgba(0, 0, 0, 0.25));
    font-size: var(--lumo-font-size-xs, 12px); line-height: 1.35;
  }
  .tooltip[hidden] { display: none; }
`;

export class NetworkDiagramElement extends HTMLElement {
  // Backing state only; the server-facing properties are accessors, see upgradeProperties.
  declare private structureValue: StructurePayload | null;
  declare private stateValue: StatePayload | null;
  declare private highlightValue: number;
  declare private edgesDecoded: DecodedEdges[];
  declare private stage: HTMLDivElement;
  declare private svg: SVGSVGElement;
  declare private highlightBox: HTMLDivElement;
  declare private tooltip: HTMLDivElement;
  declare private units: UnitView[][];
  declare private edges: EdgeView[];
  declare private headers: HTMLDivElement[];
  declare private mores: HTMLDivElement[];
  declare private columnX: number[];
  declare private unitSize: number;
  declare private laidOutFor: string;
  declare private textRoom: number;
  declare private compact: boolean;
  declare private deadAsGlyph: boolean;
  declare private legend: HTMLDivElement;
  declare private measure: CanvasRenderingContext2D | null;
  declare private palette: Palette | null;
  declare private redraw: RedrawScheduler;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><div class="stage"><div class="highlight"></div>`
      + `<svg aria-hidden="true"></svg><div class="legend" hidden><span class="glyph"></span>dead unit</div></div>`
      + `<div class="tooltip" hidden></div>`;
    this.stage = root.querySelector('.stage') as HTMLDivElement;
    this.legend = root.querySelector('.legend') as HTMLDivElement;
    this.svg = root.querySelector('svg') as SVGSVGElement;
    this.highlightBox = root.querySelector('.highlight') as HTMLDivElement;
    this.tooltip = root.querySelector('.tooltip') as HTMLDivElement;
    this.structureValue = null;
    this.stateValue = null;
    this.highlightValue = -1;
    this.edgesDecoded = [];
    this.units = [];
    this.edges = [];
    this.headers = [];
    this.mores = [];
    this.columnX = [];
    this.unitSize = 0;
    this.laidOutFor = '';
    this.textRoom = 100;
    this.compact = false;
    this.deadAsGlyph = false;
    this.measure = null;
    this.palette = null;
    this.redraw = new RedrawScheduler(this, () => this.render());
    this.stage.addEventListener('pointerover', (event) => this.showTooltip(event));
    this.stage.addEventListener('pointermove', (event) => this.moveTooltip(event));
    this.stage.addEventListener('pointerleave', () => this.hideTooltip());
    upgradeProperties(this, ['structure', 'state', 'highlightLayer']);
  }

  connectedCallback(): void {
    upgradeProperties(this, ['structure', 'state', 'highlightLayer']);
    this.redraw.connect();
  }

  disconnectedCallback(): void {
    this.redraw.disconnect();
  }

  get structure(): StructurePayload | null {
    return this.structureValue;
  }

  set structure(value: StructurePayload | null) {
    this.structureValue = value ?? null;
    this.laidOutFor = '';
    this.requestRender();
  }

  get state(): StatePayload | null {
    return this.stateValue;
  }

  set state(value: StatePayload | null) {
    this.stateValue = value ?? null;
    this.edgesDecoded = (value?.edges ?? []).map((layer) => ({
      layer, weights: decodeInt16(layer.weights), biases: decodeFloat32(layer.biases),
    }));
    this.requestRender();
  }

  get highlightLayer(): number {
    return this.highlightValue;
  }

  set highlightLayer(value: number) {
    this.highlightValue = typeof value === 'number' ? value : -1;
    this.requestRender();
  }

  private requestRender(): void {
    this.redraw.request();
  }

  private render(): void {
    const structure = this.structureValue;
    if (!structure || this.clientWidth === 0 || this.clientHeight === 0) return;
    if (!this.palette || this.redraw.paletteStale) {
      this.redraw.paletteStale = false;
      this.palette = readPalette(this.shadowRoot as ShadowRoot);
    }
    const key = `${this.clientWidth}x${this.clientHeight}`;
    if (this.laidOutFor !== key) {
      this.layout(structure);
      this.laidOutFor = key;
    }
    this.applyState(structure);
    this.applyHighlight(structure);
  }

  /** Builds the units, labels and edge paths for the current structure and size. */
  private layout(structure: StructurePayload): void {
    for (const element of Array.from(this.stage.querySelectorAll('.unit, .header, .name, .more'))) element.remove();
    this.svg.replaceChildren();
    this.hideTooltip();
    const width = this.clientWidth;
    const height = this.clientHeight;
    const columns = structure.columns;
    const drawn = columns.map((column) => Math.min(column.units, column.names.length));
    const most = Math.max(1, ...drawn);
    const longestName = Math.max(0, ...columns[0].names.map((name) => this.textWidth(name)));
    const left = Math.min(96, Math.max(30, longestName + 14));
    const spacing = (width - left - RIGHT_MARGIN) / Math.max(1, columns.length - 1 + 0.6);
    // Texts of a column must fit its share of the width: deep networks get short titles and stacked subtitles.
    this.textRoom = Math.max(20, spacing - TEXT_GAP);
    this.compact = spacing < COMPACT_SPACING;
    this.stage.classList.toggle('compact', this.compact);
    const widest = Math.max(...columns.map((column) => column.units));
    this.deadAsGlyph = this.textWidth(`${widest} dead`) > this.textRoom;
    const subtitleLines = Math.max(1, ...columns.map((column) => this.subtitleLines(column).length));
    const header = 4 + TITLE_LINE + (subtitleLines + 1) * TEXT_LINE + 4;
    const footerLines = Math.max(0, ...columns.map((column, c) =>
      column.units > drawn[c] ? this.moreLines(column.units - drawn[c], column.units - drawn[c]).length : 0));
    // The glyph standing for "dead" is explained on a line of its own, under the "+N more" labels.
    const footer = (footerLines + (this.deadAsGlyph ? 1 : 0)) * TEXT_LINE + 6;
    const available = height - header - footer - 4;
    let size = Math.min(34, (available / most) * 0.8);
    size = Math.max(6, Math.min(size, spacing * 0.55));
    const pitch = Math.min(available / most, size * 1.35);
    this.unitSize = size;
    this.columnX = columns.map((_, index) => left + index * spacing + (spacing * 0.6 - size) / 2);

    this.units = columns.map((column, c) => {
      const x = this.columnX[c];
      const top = header + (available - (drawn[c] - 1) * pitch - size) / 2;
      const heading = document.createElement('div');
      heading.className = 'header';
      heading.style.left = `${x + size / 2}px`;
      heading.style.maxWidth = `${this.textRoom}px`;
      const title = this.textWidth(column.title, true) > this.textRoom
        ? column.title.replace(/^Hidden /, 'H').replace(/^Output$/, 'Out').replace(/^Input$/, 'In') : column.title;
      const lines = this.subtitleLines(column);
      while (lines.length < subtitleLines) lines.push('');
      heading.innerHTML = '<div class="title"></div>' + '<div class="sub"></div>'.repeat(subtitleLines)
        + '<div class="sub dead-count"></div>';
      const texts = heading.querySelectorAll('div');
      texts[0].textContent = title;
      lines.forEach((line, i) => { texts[i + 1].textContent = line; });
      this.stage.appendChild(heading);
      this.headers[c] = heading;

      const more = document.createElement('div');
      more.className = 'more';
      more.style.left = `${x + size / 2}px`;
      more.style.top = `${top + (drawn[c] - 1) * pitch + size + 3}px`;
      more.textContent = column.units > drawn[c] ? this.moreLines(column.units - drawn[c], 0).join('\n') : '';
      this.stage.appendChild(more);
      this.mores[c] = more;

      const views: UnitView[] = [];
      for (let u = 0; u < drawn[c]; u++) {
        const element = document.createElement('div');
        element.className = 'unit';
        element.dataset.column = String(c);
        element.dataset.unit = String(u);
        element.style.left = `${x}px`;
        element.style.top = `${top + u * pitch}px`;
        element.style.width = element.style.height = `${size}px`;
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 1;
        element.appendChild(canvas);
        this.stage.appendChild(element);
        views.push({ column: c, unit: u, element, canvas });
        if (column.kind === 'input') {
          const name = document.createElement('div');
          name.className = 'name';
          name.style.left = `${x}px`;
          name.style.top = `${top + u * pitch + size / 2}px`;
          name.textContent = column.names[u];
          this.stage.appendChild(name);
        }
      }
      return views;
    });

    this.edges = [];
    for (let c = 1; c < columns.length; c++) {
      for (const source of this.units[c - 1]) {
        for (const target of this.units[c]) {
          const x1 = this.columnX[c - 1] + size;
          const y1 = parseFloat(source.element.style.top) + size / 2;
          const x2 = this.columnX[c];
          const y2 = parseFloat(target.element.style.top) + size / 2;
          const middle = (x1 + x2) / 2;
          const d = `M${x1.toFixed(1)},${y1.toFixed(1)} C${middle.toFixed(1)},${y1.toFixed(1)} `
            + `${middle.toFixed(1)},${y2.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
          const hit = document.createElementNS(SVG_NS, 'path');
          hit.setAttribute('class', 'hit');
          hit.setAttribute('d', d);
          hit.dataset.layer = String(c);
          hit.dataset.from = String(source.unit);
          hit.dataset.to = String(target.unit);
          const path = document.createElementNS(SVG_NS, 'path');
          path.setAttribute('class', 'edge');
          path.setAttribute('d', d);
          this.svg.append(hit, path);
          this.edges.push({ layer: c, from: source.unit, to: target.unit, path });
        }
      }
    }
  }

  private subtitle(column: ColumnPayload): string {
    return column.kind === 'input' ? `${column.units} features` : `${column.units} · ${column.activation}`;
  }

  /** The column's subtitle on one line if it fits, else its parts stacked ("32" over "relu"). */
  private subtitleLines(column: ColumnPayload): string[] {
    const full = this.subtitle(column);
    if (this.textWidth(full) <= this.textRoom) return [full];
    const name = column.kind === 'input' ? 'features' : column.activation ?? '';
    if (this.textWidth(name) <= this.textRoom) return [String(column.units), name];
    // An input column too narrow for "features" shows the count alone: its units are named beside it.
    return column.kind === 'input' ? [String(column.units)] : [String(column.units), SHORT_ACTIVATIONS[name] ?? name];
  }

  /** "+16 more (3 dead)" on one line if it fits the column, else over two lines, else shortened to "+16". */
  private moreLines(hidden: number, hiddenDead: number): string[] {
    const dead = hiddenDead > 0 ? `${hiddenDead} dead` : '';
    const candidates = [
      [`+${hidden} more${dead ? ` (${dead})` : ''}`],
      [`+${hidden} more`, dead],
      [`+${hidden}`, dead],
      [`+${hidden}`], // the header counts the dead units of the whole layer
    ];
    const fits = candidates.find((lines) => lines.every((line) => this.textWidth(line) <= this.textRoom));
    return (fits ?? candidates[candidates.length - 1]).filter(Boolean);
  }

  /** Width in px of a text in the diagram's small font (or the title font). */
  private textWidth(text: string, title = false): number {
    if (!this.measure) this.measure = document.createElement('canvas').getContext('2d');
    const ctx = this.measure;
    const style = getComputedStyle(this);
    const base = this.compact ? 10 : parseFloat(style.fontSize) || 11;
    const fontSize = title ? base * 1.1 : base;
    if (!ctx) return text.length * fontSize * 0.6;
    ctx.font = `${title ? '600 ' : ''}${fontSize}px ${style.fontFamily || 'sans-serif'}`;
    return ctx.measureText(text).width;
  }

  private applyState(structure: StructurePayload): void {
    const state = this.stateValue;
    const palette = this.palette as Palette;
    const columns = structure.columns;
    columns.forEach((column, c) => {
      const header = this.headers[c];
      const deadCount = state?.deadCounts?.[c] ?? 0;
      const deadText = deadCount > 0 ? `${deadCount} dead` : '';
      const deadLine = header.querySelector('.dead-count') as HTMLDivElement;
      if (deadCount > 0 && this.deadAsGlyph) {
        deadLine.innerHTML = '<span class="glyph"></span>';
        deadLine.append(String(deadCount));
      } else {
        deadLine.textContent = deadText;
      }
      header.title = [column.title, this.subtitle(column), deadText].filter(Boolean).join(' · ');
      const hidden = column.units - this.units[c].length;
      const hiddenDead = deadCount - (state?.dead?.[c] ?? []).filter(Boolean).length;
      this.mores[c].textContent = hidden > 0 ? this.moreLines(hidden, hiddenDead).join('\n') : '';
    });
    this.legend.hidden = !this.deadAsGlyph || !(state?.deadCounts ?? []).some((count) => count > 0);

    const resolution = state?.thumbnailResolution ?? 0;
    for (const column of this.units) {
      for (const view of column) {
        const dead = state?.dead?.[view.column]?.[view.unit] === true;
        view.element.classList.toggle('dead', dead);
        const thumbnails = state?.thumbnails?.[view.column];
        if (!thumbnails || resolution <= 0) {
          view.canvas.style.visibility = 'hidden';
          continue;
        }
        view.canvas.style.visibility = '';
        this.paintThumbnail(view.canvas, decodeBase64(thumbnails.data), view.unit, resolution, palette);
      }
    }

    for (const edge of this.edges) {
      const decoded = this.edgesDecoded[edge.layer - 1];
      const q = decoded?.weights[edge.from * decoded.layer.to + edge.to];
      if (!decoded || q === undefined) {
        edge.path.style.stroke = css(palette.secondary, 0.25);
        edge.path.style.strokeWidth = '0.5px';
        edge.path.style.strokeOpacity = '1';
        edge.path.style.strokeDasharray = '';
        continue;
      }
      if (q === NON_FINITE_SHORT) {
        edge.path.style.stroke = css(palette.secondary);
        edge.path.style.strokeWidth = '1px';
        edge.path.style.strokeOpacity = '0.8';
        edge.path.style.strokeDasharray = '3 2';
        continue;
      }
      const relative = Math.abs(q) / 32767;
      const sourceDead = state?.dead?.[edge.layer - 1]?.[edge.from] === true;
      edge.path.style.stroke = css(q < 0 ? ORANGE : BLUE);
      edge.path.style.strokeWidth = `${(0.35 + 3.4 * relative).toFixed(2)}px`;
      edge.path.style.strokeOpacity = ((0.15 + 0.75 * relative) * (sourceDead ? 0.3 : 1)).toFixed(3);
      edge.path.style.strokeDasharray = '';
    }
  }

  private paintThumbnail(canvas: HTMLCanvasElement, bytes: Uint8Array, unit: number, resolution: number,
                         palette: Palette): void {
    const cells = resolution * resolution;
    if (bytes.length < (unit + 1) * cells) return;
    paintCells(canvas, resolution, (cell) => diverging(unquantize(bytes[unit * cells + cell]), palette));
  }

  private applyHighlight(structure: StructurePayload): void {
    const layer = this.highlightValue;
    const valid = layer >= 0 && layer < structure.columns.length;
    this.headers.forEach((header, c) => header.classList.toggle('highlighted', c === layer));
    if (!valid) {
      this.highlightBox.style.display = 'none';
      return;
    }
    const pad = Math.max(10, this.unitSize * 0.6);
    this.highlightBox.style.display = 'block';
    this.highlightBox.style.left = `${this.columnX[layer] - pad}px`;
    this.highlightBox.style.width = `${this.unitSize + 2 * pad}px`;
  }

  private describeUnit(column: number, unit: number): string {
    const structure = this.structureValue as StructurePayload;
    const state = this.stateValue;
    const info = structure.columns[column];
    const lines: string[] = [];
    if (info.kind === 'input') {
      lines.push(`Input ${info.names[unit]}`);
    } else {
      lines.push(`${info.title} · ${info.names[unit]} · ${info.activation}`);
      const bias = this.edgesDecoded[column - 1]?.biases[unit];
      if (bias !== undefined) lines.push(`bias ${formatNumber(bias)}`);
    }
    const thumbnails = state?.thumbnails?.[column];
    if (thumbnails && thumbnails.mins[unit] !== undefined) {
      lines.push(`over the square: ${formatNumber(thumbnails.mins[unit])} … ${formatNumber(thumbnails.maxs[unit])}`);
    }
    if (info.kind === 'hidden') {
      lines.push(state?.dead?.[column]?.[unit]
        ? 'dead: output ≤ 0 on every training example (no gradient flows)'
        : 'alive');
    }
    return lines.join('\n');
  }

  private describeEdge(layer: number, from: number, to: number): string {
    const structure = this.structureValue as StructurePayload;
    const source = structure.columns[layer - 1];
    const target = structure.columns[layer];
    const sourceName = source.kind === 'input' ? source.names[from] : `${source.title} ${source.names[from]}`;
    const decoded = this.edgesDecoded[layer - 1];
    const q = decoded?.weights[from * decoded.layer.to + to];
    const weight = q === undefined || q === NON_FINITE_SHORT ? NaN : (q / 32767) * decoded.layer.maxAbs;
    return `${sourceName} → ${target.title} ${target.names[to]}\nweight ${q === undefined ? 'not yet known' : formatNumber(weight)}`;
  }

  private showTooltip(event: PointerEvent): void {
    const target = event.target as Element;
    const unit = target.closest?.('.unit') as HTMLElement | null;
    let text = '';
    if (unit) {
      text = this.describeUnit(Number(unit.dataset.column), Number(unit.dataset.unit));
    } else if (target instanceof SVGPathElement && target.classList.contains('hit')) {
      text = this.describeEdge(Number(target.dataset.layer), Number(target.dataset.from), Number(target.dataset.to));
    }
    if (!text) {
      this.hideTooltip();
      return;
    }
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    this.moveTooltip(event);
  }

  private moveTooltip(event: PointerEvent): void {
    if (this.tooltip.hidden) return;
    const box = this.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const width = this.tooltip.offsetWidth;
    const height = this.tooltip.offsetHeight;
    const left = x + 14 + width > box.width ? Math.max(0, x - 14 - width) : x + 14;
    const top = y + 14 + height > box.height ? Math.max(0, y - 10 - height) : y + 14;
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }
}

if (!customElements.get('bpl-network-diagram')) {
  customElements.define('bpl-network-diagram', NetworkDiagramElement);
}
