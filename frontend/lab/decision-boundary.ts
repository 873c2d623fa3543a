/*
 * <bpl-decision-boundary>: the network's output over the input square [-6, 6]² as a heatmap, with the training
 * and test points on top. Java side: org.backproplab.training.ui.DecisionBoundary. Draws only when a property
 * changes, the element resizes or the theme changes; nothing runs while idle.
 */
import {
  BLUE, NON_FINITE_BYTE, ORANGE, type Palette, RedrawScheduler, type Rgb, classColor, css, decodeBase64,
  decodeFloat32, diverging, mix, noValueColor, paintCells, readPalette, unquantize, upgradeProperties,
} from './lab-support';

interface PointsPayload {
  task: 'binary' | 'multiclass' | 'regression';
  classes: number;
  low: number;
  high: number;
  trainCount: number;
  testCount: number;
  train: string;
  test: string;
}

interface OutputPayload {
  resolution: number;
  task: 'binary' | 'multiclass' | 'regression';
  classes: number;
  levels: number;
  low: number;
  high: number;
  data: string;
}

const EXTENT = 6;
/** The heatmap is drawn a little paler than the points so the points stay readable on top of it. */
const HEATMAP_INTENSITY = 0.6;

const STYLE = `
  :host {
    display: block;
    position: relative;
    aspect-ratio: 1 / 1;
    align-self: flex-start;
    min-width: 120px;
    min-height: 120px;
    box-sizing: border-box;
    font-family: var(--lumo-font-family, system-ui, sans-serif);
    border-radius: var(--lumo-border-radius-m, 6px);
    overflow: hidden;
    background: var(--lumo-base-color, #fff);
    box-shadow: inset 0 0 0 1px var(--lumo-contrast-10pct, rgba(26, 57, 96, 0.1));
  }
  :host([hidden]) { display: none; }
  canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
  .no-value {
    position: absolute; left: 50%; bottom: 8%; transform: translateX(-50%); max-width: 86%; box-sizing: border-box;
    display: flex; align-items: center; gap: 6px; padding: 3px 8px; pointer-events: none;
    font-size: var(--lumo-font-size-xs, 12px); line-height: 1.3; color: var(--lumo-body-text-color, #1b2b3a);
    background: var(--lumo-base-color, #fff); border-radius: var(--lumo-border-radius-s, 4px);
    box-shadow: var(--lumo-box-shadow-xs, 0 1px 3px rgba(0, 0, 0, 0.2));
  }
  .no-value[hidden] { display: none; }
  .swatch { flex: none; width: 12px; height: 12px; border-radius: 2px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.2); }
`;

export class DecisionBoundaryElement extends HTMLElement {
  // Backing state only; the server-facing properties are accessors below, so values set before the element
  // was defined are picked up by upgradeProperties instead of being overwritten by field initializers.
  declare private pointsValue: PointsPayload | null;
  declare private outputValue: OutputPayload | null;
  declare private showTestValue: boolean;
  declare private trainPoints: Float32Array;
  declare private testPoints: Float32Array;
  declare private outputBytes: Uint8Array;
  declare private canvas: HTMLCanvasElement;
  declare private heatmap: HTMLCanvasElement;
  declare private noValue: HTMLDivElement;
  declare private palette: Palette | null;
  declare private redraw: RedrawScheduler;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><canvas part="canvas"></canvas>`
      + '<div class="no-value" part="no-value" role="note" hidden><span class="swatch"></span><span></span></div>';
    this.canvas = root.querySelector('canvas') as HTMLCanvasElement;
    this.noValue = root.querySelector('.no-value') as HTMLDivElement;
    this.heatmap = document.createElement('canvas');
    this.pointsValue = null;
    this.outputValue = null;
    this.showTestValue = true;
    this.trainPoints = new Float32Array(0);
    this.testPoints = new Float32Array(0);
    this.outputBytes = new Uint8Array(0);
    this.palette = null;
    this.redraw = new RedrawScheduler(this, () => this.draw());
    upgradeProperties(this, ['points', 'output', 'showTestPoints']);
  }

  connectedCallback(): void {
    upgradeProperties(this, ['points', 'output', 'showTestPoints']);
    this.redraw.connect();
  }

  disconnectedCallback(): void {
    this.redraw.disconnect();
  }

  get points(): PointsPayload | null {
    return this.pointsValue;
  }

  set points(value: PointsPayload | null) {
    this.pointsValue = value ?? null;
    this.trainPoints = decodeFloat32(value?.train);
    this.testPoints = decodeFloat32(value?.test);
    this.requestDraw();
  }

  get output(): OutputPayload | null {
    return this.outputValue;
  }

  set output(value: OutputPayload | null) {
    this.outputValue = value ?? null;
    this.outputBytes = decodeBase64(value?.data);
    this.paintHeatmap();
    this.requestDraw();
  }

  get showTestPoints(): boolean {
    return this.showTestValue;
  }

  set showTestPoints(value: boolean) {
    this.showTestValue = value !== false;
    this.requestDraw();
  }

  private requestDraw(): void {
    this.redraw.request();
  }

  private currentPalette(): Palette {
    if (!this.palette || this.redraw.paletteStale) {
      this.redraw.paletteStale = false;
      this.palette = readPalette(this.shadowRoot as ShadowRoot);
      this.paintHeatmap();
    }
    return this.palette;
  }

  /** Renders the output frame at its own resolution; draw() scales it up smoothly. */
  private paintHeatmap(): void {
    const output = this.outputValue;
    const palette = this.palette;
    const n = output?.resolution ?? 0;
    if (!output || !palette || this.outputBytes.length !== n * n) {
      this.showNoValueCaption(0, 0, palette);
      return;
    }
    let nonFinite = 0;
    paintCells(this.heatmap, n, (cell) => {
      const q = this.outputBytes[cell];
      if (q === NON_FINITE_BYTE) {
        nonFinite++;
        return noValueColor(palette);
      }
      if (output.task === 'multiclass') {
        const level = q % output.levels;
        const confidence = output.levels > 1 ? level / (output.levels - 1) : 1;
        return mix(palette.mid, classColor(Math.floor(q / output.levels)), 0.15 + 0.7 * confidence);
      }
      return diverging(unquantize(q), palette, HEATMAP_INTENSITY);
    });
    this.showNoValueCaption(nonFinite, n * n, palette);
  }

  /** Explains the grey cells: everywhere means the network diverged, somewhere means it overflows there. */
  private showNoValueCaption(nonFinite: number, cells: number, palette: Palette | null): void {
    this.noValue.hidden = nonFinite === 0 || !palette;
    if (this.noValue.hidden || !palette) return;
    (this.noValue.firstElementChild as HTMLElement).style.background = css(noValueColor(palette));
    (this.noValue.lastElementChild as HTMLElement).textContent = nonFinite === cells
      ? 'No finite output: the network diverged'
      : 'Grey: no finite output there (NaN/∞)';
  }

  private draw(): void {
    const width = this.clientWidth;
    const height = this.clientHeight;
    if (width === 0 || height === 0) return;
    const palette = this.currentPalette();
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = css(palette.base);
    ctx.fillRect(0, 0, width, height);
    // The input square stays square (and centred) even when a layout stretches the element.
    const side = Math.min(width, height);
    ctx.translate((width - side) / 2, (height - side) / 2);
    this.drawSquare(ctx, side, palette);
  }

  private drawSquare(ctx: CanvasRenderingContext2D, side: number, palette: Palette): void {
    const width = side;
    const height = side;

    if (this.outputValue && this.heatmap.width > 0) {
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.heatmap, 0, 0, width, height);
    }
    this.drawAxes(ctx, width, height, palette);

    const radius = Math.max(2.2, Math.min(width, height) / 120);
    this.drawPoints(ctx, this.trainPoints, width, height, radius, palette, false);
    if (this.showTestValue) {
      this.drawPoints(ctx, this.testPoints, width, height, radius, palette, true);
    }
  }

  private drawAxes(ctx: CanvasRenderingContext2D, width: number, height: number, palette: Palette): void {
    ctx.strokeStyle = css(palette.text, 0.16);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(width / 2 + 0.5, 0);
    ctx.lineTo(width / 2 + 0.5, height);
    ctx.moveTo(0, height / 2 + 0.5);
    ctx.lineTo(width, height / 2 + 0.5);
    ctx.stroke();
    ctx.fillStyle = css(palette.text, 0.6);
    ctx.font = `${Math.max(9, Math.round(width / 36))}px ${getComputedStyle(this).fontFamily || 'sans-serif'}`;
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'right';
    ctx.fillText('x1', width - 4, height / 2 - 2);
    ctx.fillText(String(EXTENT), width - 4, height - 2);
    ctx.textAlign = 'left';
    ctx.fillText(String(-EXTENT), 4, height - 2);
    ctx.textBaseline = 'top';
    ctx.fillText('x2', width / 2 + 4, 3);
  }

  private pointColor(label: number): Rgb {
    const points = this.pointsValue;
    if (!points) return BLUE;
    if (points.task === 'multiclass') return classColor(Math.round(label));
    if (points.task === 'binary') return label >= 0.5 ? BLUE : ORANGE;
    const half = (points.high - points.low) / 2 || 1;
    // Points use the full-strength scale; the neutral end is lifted so no point vanishes into the background.
    const palette = this.palette as Palette;
    return diverging((label - (points.low + half)) / half, { ...palette, mid: mix(palette.mid, palette.text, 0.3) });
  }

  private drawPoints(ctx: CanvasRenderingContext2D, data: Float32Array, width: number, height: number,
                     radius: number, palette: Palette, test: boolean): void {
    ctx.lineWidth = test ? Math.max(1.5, radius / 2) : 1;
    ctx.strokeStyle = test ? css(palette.text, 0.95) : css(palette.base, 0.9);
    for (let i = 0; i + 2 < data.length; i += 3) {
      const x = ((data[i] + EXTENT) / (2 * EXTENT)) * width;
      const y = ((EXTENT - data[i + 1]) / (2 * EXTENT)) * height;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, Math.PI * 2);
      ctx.fillStyle = css(this.pointColor(data[i + 2]));
      ctx.fill();
      ctx.stroke();
    }
  }
}

if (!customElements.get('bpl-decision-boundary')) {
  customElements.define('bpl-decision-boundary', DecisionBoundaryElement);
}
