/*
 * <bl-chart>: a Chart.js line chart driven from the server (org.backproplab.chartjs.LineChart).
 *
 * The server talks to the element through one method, blApply(operation, payload), with these operations:
 *   configure  full options and series definitions (data of series that still exist is kept)
 *   append     { seriesKey: [[x, y], ...] } new points only; the oldest points beyond the cap are dropped
 *   replace    { seriesKey: [[x, y], ...] } all data; series absent from the payload become empty
 * The server may send operations before this module has defined the element: they wait in the element's
 * own `__blPending` array and are applied, in order, when the element upgrades. Chart.js itself exists only
 * while the element is connected; the data lives in the element, so a detach/attach keeps the history.
 *
 * The Chart.js instance is the element's `chart` property (tests and the browser console read it).
 */
import {
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  type Plugin,
  PointElement,
  type Scale,
  type Tick,
  Ticks,
  Title,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Title,
  Tooltip,
  Legend,
  Filler,
);

type Pair = [number, number | null];
type XY = { x: number; y: number | null };

interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
}

interface BandSpec {
  lower: number;
  upper: number;
  color: string;
  label: string | null;
}

interface ChartSpec {
  title: string | null;
  xAxisLabel: string | null;
  yAxisLabel: string | null;
  yAxisScale: 'linear' | 'logarithmic';
  yMin: number | null;
  yMax: number | null;
  legend: boolean;
  tooltips: boolean;
  theme: 'light' | 'dark' | 'auto';
  maxPointsPerSeries: number;
  band: BandSpec | null;
  series: SeriesSpec[];
}

type Operation = 'configure' | 'append' | 'replace';

const DEFAULT_SPEC: ChartSpec = {
  title: null,
  xAxisLabel: null,
  yAxisLabel: null,
  yAxisScale: 'linear',
  yMin: null,
  yMax: null,
  legend: true,
  tooltips: true,
  theme: 'auto',
  maxPointsPerSeries: 2000,
  band: null,
  series: [],
};

/** A series with at most this many values is drawn with point markers, so one or two values are not invisible. */
const FEW_POINTS = 12;
const MARKER_RADIUS = 3;
/** A log axis shows at most about this many decade ticks; more decades are labelled every 2nd, 5th, 10th... */
const MAX_LOG_TICKS = 7;

const PALETTES = {
  light: { text: '#2d3748', grid: 'rgba(0, 0, 0, 0.08)' },
  dark: { text: '#d7dde8', grid: 'rgba(255, 255, 255, 0.12)' },
};

/** Shades the region between two y values (e.g. the 1e-3 rule-of-thumb band of the update-ratio chart). */
const horizontalBandPlugin: Plugin<'line'> = {
  id: 'blBand',
  beforeDatasetsDraw(chart, _args, options) {
    const band = (options as { band?: BandSpec | null }).band;
    const yScale = chart.scales.y;
    if (!band || !yScale) {
      return;
    }
    const area = chart.chartArea;
    const top = Math.max(area.top, Math.min(area.bottom, yScale.getPixelForValue(band.upper)));
    const bottom = Math.max(area.top, Math.min(area.bottom, yScale.getPixelForValue(band.lower)));
    if (!Number.isFinite(top) || !Number.isFinite(bottom) || bottom <= top) {
      return;
    }
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = band.color;
    ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
    if (band.label) {
      ctx.fillStyle = (options as { textColor?: string }).textColor ?? '#666';
      ctx.font = '11px sans-serif';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillText(band.label, area.right - 4, top + 2);
    }
    ctx.restore();
  },
};

/**
 * Says so on the plot when the data has x positions but not a single finite y value (e.g. every loss was NaN
 * after the run diverged): an empty plot alone reads as "nothing happened yet".
 */
const noFiniteValuesPlugin: Plugin<'line'> = {
  id: 'blNoFiniteValues',
  afterDatasetsDraw(chart, _args, options) {
    const datasets = chart.data.datasets as ChartDataset<'line', XY[]>[];
    const anyPoint = datasets.some((dataset) => dataset.data.length > 0);
    const anyValue = datasets.some((dataset) => dataset.data.some((point) => point.y !== null));
    if (!anyPoint || anyValue) {
      return;
    }
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = (options as { textColor?: string }).textColor ?? '#666';
    ctx.font = '12px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('no finite values (NaN/∞)', (area.left + area.right) / 2, (area.top + area.bottom) / 2);
    ctx.restore();
  },
};

/** Point markers where a line cannot show a value: on every point of a short series and on isolated points. */
function pointRadii(data: XY[]): number | number[] {
  let values = 0;
  for (const point of data) {
    if (point.y !== null) values++;
  }
  if (values <= FEW_POINTS) {
    return MARKER_RADIUS;
  }
  let radii: number[] | null = null;
  for (let i = 0; i < data.length; i++) {
    const isolated = data[i].y !== null && (i === 0 || data[i - 1].y === null)
      && (i === data.length - 1 || data[i + 1].y === null);
    if (isolated) {
      radii ??= new Array<number>(data.length).fill(0);
      radii[i] = MARKER_RADIUS;
    }
  }
  return radii ?? 0;
}

/**
 * A lone x value (one epoch) gets the range x ± 1, not Chart.js's x ± 5 % (0.95…1.05 for epoch 1); when every x is
 * a whole number (epochs), only whole-number ticks are kept.
 */
function widenSingleX(scale: Scale) {
  const { min, max } = scale.getMinMax(false);
  if (Number.isFinite(min) && min === max) {
    scale.min = min - 1;
    scale.max = max + 1;
  }
}

function wholeNumberTicks(scale: Scale, data: Iterable<XY[]>) {
  for (const points of data) {
    if (points.some((point) => !Number.isInteger(point.x))) {
      return;
    }
  }
  const whole = scale.ticks.filter((tick) => Number.isInteger(tick.value));
  if (whole.length >= 2) {
    scale.ticks = whole;
  }
}

/** 1e-3 style: plain decimals from 0.01 to 10000, a short exponent form beyond. */
export function formatCompact(value: number): string {
  if (value === 0 || !Number.isFinite(value)) {
    return String(value);
  }
  const abs = Math.abs(value);
  if (abs >= 0.01 && abs < 1e5) {
    return String(Number(value.toPrecision(4)));
  }
  const exponent = Math.floor(Math.log10(abs) + 1e-9);
  const mantissa = Number((value / 10 ** exponent).toPrecision(3));
  return `${mantissa}e${exponent}`;
}

/**
 * A log axis spans whole decades: a single value or a narrow range gets the decade around it (not 0.94–1.06),
 * and no data at all gets 0.1…10 (or the fixed bounds / band the chart asks for).
 */
function snapLogRangeToDecades(scale: Scale, spec: ChartSpec) {
  let min = scale.min;
  let max = scale.max;
  if (!(min > 0) || !Number.isFinite(min)) {
    min = spec.band?.lower ?? 0.1;
  }
  if (!(max > 0) || !Number.isFinite(max) || max < min) {
    max = Math.max(min, spec.band?.upper ?? 10);
  }
  const low = Math.floor(Math.log10(min) + 1e-9);
  let high = Math.ceil(Math.log10(max) - 1e-9);
  if (high <= low) {
    high = low + 1;
  }
  scale.min = spec.yMin ?? 10 ** low;
  scale.max = spec.yMax ?? 10 ** high;
}

/** Decade ticks only (1, 10, 100… or every k-th decade when the range is huge), labelled 1e-3 style. */
function decadeTicks(scale: Scale) {
  const low = Math.ceil(Math.log10(scale.min) - 1e-9);
  const high = Math.floor(Math.log10(scale.max) + 1e-9);
  const decades = high - low;
  const step = [1, 2, 5, 10, 20, 50, 100].find((k) => decades / k <= MAX_LOG_TICKS - 1) ?? Math.ceil(decades / 6);
  const ticks = [];
  for (let e = Math.ceil(low / step) * step; e <= high; e += step) {
    ticks.push({ value: 10 ** e, major: true });
  }
  if (ticks.length >= 2) {
    scale.ticks = ticks;
  }
}

const TEMPLATE = `
  <style>
    :host { display: block; position: relative; width: 100%; height: 240px; min-width: 0; box-sizing: border-box; }
    :host([hidden]) { display: none; }
    .frame { position: absolute; inset: 0; }
  </style>
  <div class="frame"><canvas part="canvas"></canvas></div>
`;

export class BlChart extends HTMLElement {
  // Fields are declared, never initialised: the server may have set own properties before the upgrade.
  declare private __blPending: Array<[Operation, unknown]> | undefined;
  declare private _spec: ChartSpec;
  declare private _data: Map<string, XY[]>;
  declare private _chart: Chart<'line', XY[]> | undefined;
  declare private _canvas: HTMLCanvasElement;
  declare private _updateScheduled: boolean;
  declare private _themeObserver: MutationObserver | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    this._canvas = root.querySelector('canvas')!;
    this._spec = { ...DEFAULT_SPEC };
    this._data = new Map();
    this._updateScheduled = false;
    const pending = this.__blPending ?? [];
    delete this.__blPending;
    for (const [operation, payload] of pending) {
      this.blApply(operation, payload);
    }
  }

  /** The Chart.js instance while the element is connected, otherwise undefined. */
  get chart(): Chart<'line', XY[]> | undefined {
    return this._chart;
  }

  connectedCallback() {
    this.observeDocumentTheme();
    if (!this._chart) {
      this._chart = new Chart(this._canvas, this.buildConfiguration());
    }
  }

  disconnectedCallback() {
    this._themeObserver?.disconnect();
    this._themeObserver = undefined;
    this._chart?.destroy();
    this._chart = undefined;
  }

  /** Entry point for the server; see the file comment for the operations. */
  blApply(operation: Operation, payload: unknown) {
    switch (operation) {
      case 'configure':
        this.applySpec(payload as ChartSpec);
        break;
      case 'append':
        this.appendPairs(payload as Record<string, Pair[]>);
        break;
      case 'replace':
        this.replacePairs(payload as Record<string, Pair[]>);
        break;
      default:
        throw new Error(`bl-chart: unknown operation ${String(operation)}`);
    }
  }

  private applySpec(spec: ChartSpec) {
    this._spec = { ...DEFAULT_SPEC, ...spec };
    const keys = new Set(this._spec.series.map((s) => s.key));
    for (const key of [...this._data.keys()]) {
      if (!keys.has(key)) {
        this._data.delete(key);
      }
    }
    for (const key of keys) {
      if (!this._data.has(key)) {
        this._data.set(key, []);
      }
      this.trim(this._data.get(key)!);
    }
    if (this._chart) {
      // Rebuild options and datasets in place; the data arrays are the same objects, so nothing is re-sent.
      const configuration = this.buildConfiguration();
      this._chart.options = configuration.options!;
      this._chart.data.datasets = configuration.data.datasets;
      this._chart.update(); // not 'none': that keeps stale shared point options (see scheduleUpdate)
    }
  }

  private appendPairs(points: Record<string, Pair[]>) {
    for (const [key, pairs] of Object.entries(points)) {
      const data = this._data.get(key);
      if (!data) {
        continue; // series removed meanwhile
      }
      for (const pair of pairs) {
        data.push(this.toPoint(pair));
      }
      this.trim(data);
    }
    this.scheduleUpdate();
  }

  private replacePairs(points: Record<string, Pair[]>) {
    for (const [key, data] of this._data) {
      const pairs = points[key] ?? [];
      data.length = 0;
      for (const pair of pairs) {
        data.push(this.toPoint(pair));
      }
      this.trim(data);
    }
    this.scheduleUpdate();
  }

  private toPoint([x, y]: Pair): XY {
    // null is a gap. A logarithmic axis skips values <= 0 itself, so switching the scale later loses nothing.
    return { x, y };
  }

  private trim(data: XY[]) {
    const excess = data.length - this._spec.maxPointsPerSeries;
    if (excess > 0) {
      data.splice(0, excess);
    }
  }

  /** Coalesces every change made within one animation frame into a single redraw without animation. */
  private scheduleUpdate() {
    if (!this._chart || this._updateScheduled) {
      return;
    }
    this._updateScheduled = true;
    requestAnimationFrame(() => {
      this._updateScheduled = false;
      // Chart.js keeps the point options shared by a dataset's points across 'none' updates: a change of the
      // markers needs a full update (still without animation, which is off).
      this._chart?.update(this.updateMarkers() ? undefined : 'none');
    });
  }

  /** Sets each dataset's point markers for its current data; true if any changed. */
  private updateMarkers(): boolean {
    let changed = false;
    for (const dataset of this._chart?.data.datasets ?? []) {
      const radius = pointRadii(dataset.data);
      changed ||= typeof radius !== 'number' || radius !== dataset.pointRadius;
      dataset.pointRadius = radius;
    }
    return changed;
  }

  private effectiveTheme(): 'light' | 'dark' {
    if (this._spec.theme !== 'auto') {
      return this._spec.theme;
    }
    const themeAttribute = document.documentElement.getAttribute('theme') ?? '';
    return themeAttribute.split(/\s+/).includes('dark') ? 'dark' : 'light';
  }

  /** In 'auto' theme the chart follows Lumo's theme attribute on <html>. */
  private observeDocumentTheme() {
    if (this._themeObserver) {
      return;
    }
    this._themeObserver = new MutationObserver(() => {
      if (this._spec.theme === 'auto' && this._chart) {
        this.applySpec(this._spec);
      }
    });
    this._themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
  }

  private buildConfiguration(): ChartConfiguration<'line', XY[]> {
    const spec = this._spec;
    const palette = PALETTES[this.effectiveTheme()];
    const datasets: ChartDataset<'line', XY[]>[] = spec.series.map((series) => ({
      label: series.label,
      data: this._data.get(series.key)!,
      borderColor: series.color,
      backgroundColor: series.color,
      borderDash: series.dashed ? [6, 4] : [],
      borderWidth: 2,
      pointRadius: pointRadii(this._data.get(series.key)!),
      pointHoverRadius: MARKER_RADIUS + 1,
      tension: 0,
      spanGaps: false,
    }));
    const axisTitle = (text: string | null) => ({ display: !!text, text: text ?? '', color: palette.text });
    return {
      type: 'line',
      data: { datasets },
      plugins: [horizontalBandPlugin, noFiniteValuesPlugin],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: 'linear',
            title: axisTitle(spec.xAxisLabel),
            ticks: { color: palette.text, maxRotation: 0, callback: compactTickLabel },
            grid: { color: palette.grid },
            afterDataLimits: widenSingleX,
            afterBuildTicks: (scale: Scale) => wholeNumberTicks(scale, this._data.values()),
          },
          y: {
            type: spec.yAxisScale,
            min: spec.yMin ?? undefined,
            max: spec.yMax ?? undefined,
            // Keep a band in view, so values far from it are seen in relation to it.
            suggestedMin: spec.band?.lower,
            suggestedMax: spec.band?.upper,
            title: axisTitle(spec.yAxisLabel),
            ticks: { color: palette.text, callback: compactTickLabel },
            grid: { color: palette.grid },
            ...(spec.yAxisScale === 'logarithmic'
              ? {
                afterDataLimits: (scale: Scale) => snapLogRangeToDecades(scale, spec),
                afterBuildTicks: decadeTicks,
              }
              : {}),
          },
        },
        plugins: {
          title: { display: !!spec.title, text: spec.title ?? '', color: palette.text },
          // Many series (one per layer of a deep network) get a compact legend, so the plot keeps some height.
          legend: {
            display: spec.legend,
            // At most ~40 % of the chart: beyond that the plot would vanish (tooltips still name every series).
            maxHeight: Math.max(40, (this.clientHeight || 240) * 0.4),
            labels: spec.series.length > 4
              ? { color: palette.text, boxHeight: 2, boxWidth: 14, padding: 6, font: { size: 11 } }
              : { color: palette.text, boxHeight: 2 },
          },
          tooltip: { enabled: spec.tooltips },
          blBand: { band: spec.band, textColor: palette.text },
          blNoFiniteValues: { textColor: palette.text },
        } as never,
      },
    };
  }
}

/** Chart.js's own labels in the ordinary range; compact exponents (1e-3, 2.5e92) for tiny and huge values. */
function compactTickLabel(this: Scale, value: number | string, index: number, ticks: Tick[]) {
  const number = Number(value);
  const abs = Math.abs(number);
  if (number !== 0 && (abs < 0.01 || abs >= 1e5 || this.type === 'logarithmic')) {
    return formatCompact(number);
  }
  return Ticks.formatters.numeric.call(this, number, index, ticks);
}

if (!customElements.get('bl-chart')) {
  customElements.define('bl-chart', BlChart);
}

declare global {
  interface HTMLElementTagNameMap {
    'bl-chart': BlChart;
  }
}
