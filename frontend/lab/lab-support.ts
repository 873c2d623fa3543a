/*
 * Shared helpers of the lab's canvas components: Lumo-aware colours, the diverging orange↔blue scale, decoding of
 * the compact frames the server sends (see BoundaryCodec.java) and painting them, and the redraw scheduling
 * (resize, theme change, new value) both elements use.
 * Plain TypeScript with erasable syntax only, no dependencies.
 */

export type Rgb = [number, number, number];

/** Orange for negative / class 0, blue for positive / class 1, as TensorFlow Playground colours them. */
export const ORANGE: Rgb = [245, 147, 34];
export const BLUE: Rgb = [8, 119, 189];
export const CLASS_COLORS: Rgb[] = [
  ORANGE, BLUE, [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

/** Byte marking a non-finite value in a quantized frame; 0..254 carry values. */
export const NON_FINITE_BYTE = 255;
/** int16 marking a non-finite weight. */
export const NON_FINITE_SHORT = -32768;

export interface Palette {
  base: Rgb;
  text: Rgb;
  secondary: Rgb;
  /** The neutral middle of the diverging scale: a tint of the background, so 0 reads as "nothing". */
  mid: Rgb;
  dark: boolean;
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

export function css(c: Rgb, alpha = 1): string {
  return `rgba(${Math.round(c[0])}, ${Math.round(c[1])}, ${Math.round(c[2])}, ${alpha})`;
}

/** The grey that marks a cell or unit without a finite value (the legend swatch uses it too). */
export function noValueColor(palette: Palette): Rgb {
  return mix(palette.mid, palette.secondary, 0.5);
}

/** t in [-1, 1]: orange below 0, the neutral mid at 0, blue above; {@code intensity} dims the ends. */
export function diverging(t: number, palette: Palette, intensity = 1): Rgb {
  if (!Number.isFinite(t)) return noValueColor(palette);
  const k = Math.max(-1, Math.min(1, t)) * intensity;
  return k < 0 ? mix(palette.mid, ORANGE, -k) : mix(palette.mid, BLUE, k);
}

/** A quantized byte (0..254) as a value in [-1, 1]; {@link NON_FINITE_BYTE} becomes NaN. */
export function unquantize(q: number): number {
  return q === NON_FINITE_BYTE ? NaN : (q / 254) * 2 - 1;
}

/**
 * Paints a square frame of {@code resolution}² cells into {@code canvas} at one pixel per cell (CSS scales it up),
 * taking each cell's colour from {@code colorOf}.
 */
export function paintCells(canvas: HTMLCanvasElement, resolution: number, colorOf: (cell: number) => Rgb): void {
  if (canvas.width !== resolution || canvas.height !== resolution) canvas.width = canvas.height = resolution;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(resolution, resolution);
  const pixels = image.data;
  for (let cell = 0; cell < resolution * resolution; cell++) {
    const color = colorOf(cell);
    pixels[cell * 4] = color[0];
    pixels[cell * 4 + 1] = color[1];
    pixels[cell * 4 + 2] = color[2];
    pixels[cell * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

export function classColor(index: number): Rgb {
  return CLASS_COLORS[((index % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}

export function decodeBase64(text: string | null | undefined): Uint8Array {
  if (!text) return new Uint8Array(0);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function decodeFloat32(text: string | null | undefined): Float32Array {
  const bytes = decodeBase64(text);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(bytes.byteLength >> 2);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}

export function decodeInt16(text: string | null | undefined): Int16Array {
  const bytes = decodeBase64(text);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Int16Array(bytes.byteLength >> 1);
  for (let i = 0; i < values.length; i++) values[i] = view.getInt16(i * 2, true);
  return values;
}

/**
 * Resolves the Lumo colours as the element sees them. A probe inside the shadow root takes each custom property
 * as its colour, and a 1×1 canvas turns whatever CSS colour syntax results (hsl, color-mix, oklab…) into RGB,
 * compositing translucent text colours over the base colour as the page would.
 */
export function readPalette(root: ShadowRoot): Palette {
  const probe = document.createElement('span');
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  root.appendChild(probe);
  const resolve = (value: string): string => {
    probe.style.color = value;
    return getComputedStyle(probe).color;
  };
  const baseCss = resolve('var(--lumo-base-color, #fff)');
  const textCss = resolve('var(--lumo-body-text-color, rgba(24, 39, 57, 0.94))');
  const secondaryCss = resolve('var(--lumo-secondary-text-color, rgba(26, 57, 96, 0.69))');
  probe.remove();

  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const paint = (color: string, under: string): Rgb => {
    if (!ctx) return [128, 128, 128];
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = under;
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2]];
  };
  const base = paint(baseCss, '#fff');
  const text = paint(textCss, css(base));
  const secondary = paint(secondaryCss, css(base));
  const dark = 0.2126 * base[0] + 0.7152 * base[1] + 0.0722 * base[2] < 128;
  return { base, text, secondary, mid: mix(base, text, dark ? 0.12 : 0.08), dark };
}

/**
 * Calls {@code onChange} when the page's theme may have changed (Lumo's theme attribute or a class on the root,
 * or the OS colour scheme). Observers only: nothing runs while nothing changes.
 */
export class ThemeWatcher {
  private observer: MutationObserver | null = null;
  private media: MediaQueryList | null = null;
  private readonly listener: () => void;

  constructor(onChange: () => void) {
    this.listener = onChange;
  }

  start(): void {
    if (this.observer) return;
    this.observer = new MutationObserver(this.listener);
    for (const target of [document.documentElement, document.body]) {
      if (target) this.observer.observe(target, { attributes: true, attributeFilter: ['theme', 'class', 'style'] });
    }
    this.media = window.matchMedia('(prefers-color-scheme: dark)');
    this.media.addEventListener('change', this.listener);
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.media?.removeEventListener('change', this.listener);
    this.media = null;
  }
}

/**
 * What makes a lab canvas element redraw: a size change, a theme change (the palette must be read again) or a new
 * value, coalesced into at most one call of {@code render} per animation frame. Observers and a frame request only
 * exist while there is something to do, so nothing runs while idle.
 */
export class RedrawScheduler {
  private readonly element: HTMLElement;
  private readonly render: () => void;
  private readonly resizeObserver: ResizeObserver;
  private readonly themeWatcher: ThemeWatcher;
  private frameRequested = false;
  /** Set when the theme may have changed; the element reads its palette again and clears it. */
  paletteStale = true;

  constructor(element: HTMLElement, render: () => void) {
    this.element = element;
    this.render = render;
    this.resizeObserver = new ResizeObserver(() => this.request());
    this.themeWatcher = new ThemeWatcher(() => {
      this.paletteStale = true;
      this.request();
    });
  }

  /** From connectedCallback. */
  connect(): void {
    this.resizeObserver.observe(this.element);
    this.themeWatcher.start();
    this.paletteStale = true;
    this.request();
  }

  /** From disconnectedCallback. */
  disconnect(): void {
    this.resizeObserver.disconnect();
    this.themeWatcher.stop();
  }

  request(): void {
    if (this.frameRequested || !this.element.isConnected) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.render();
    });
  }
}

/**
 * Re-applies properties the server set on the element before its class was defined: such values sit as own
 * properties on the instance and would hide the class's accessors.
 */
export function upgradeProperties(element: HTMLElement, names: string[]): void {
  const record = element as unknown as Record<string, unknown>;
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(element, name)) {
      const value = record[name];
      delete record[name];
      record[name] = value;
    }
  }
}

/** Formats a number compactly for tooltips (3 significant digits, minus sign as a real minus). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not finite';
  const abs = Math.abs(value);
  const text = abs !== 0 && (abs < 0.001 || abs >= 10000) ? value.toExponential(2) : value.toPrecision(3);
  return text.replace('-', '−');
}
