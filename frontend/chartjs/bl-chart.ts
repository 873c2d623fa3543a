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
      this._chart.update('none');
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
      this._chart?.update('none');
    });
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
      pointRadius: 0,
      pointHoverRadius: 3,
      tension: 0,
      spanGaps: false,
    }));
    const axisTitle = (text: string | null) => ({ display: !!text, text: text ?? '', color: palette.text });
    return {
      type: 'line',
      data: { datasets },
      plugins: [horizontalBandPlugin],
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
            ticks: { color: palette.text, maxRotation: 0 },
            grid: { color: palette.grid },
          },
          y: {
            type: spec.yAxisScale,
            min: spec.yMin ?? undefined,
            max: spec.yMax ?? undefined,
            // Keep a band in view, so values far from it are seen in relation to it.
            suggestedMin: spec.band?.lower,
            suggestedMax: spec.band?.upper,
            title: axisTitle(spec.yAxisLabel),
            ticks: { color: palette.text },
            grid: { color: palette.grid },
          },
        },
        plugins: {
          title: { display: !!spec.title, text: spec.title ?? '', color: palette.text },
          legend: { display: spec.legend, labels: { color: palette.text, boxHeight: 2 } },
          tooltip: { enabled: spec.tooltips },
          blBand: { band: spec.band, textColor: palette.text },
        } as never,
      },
    };
  }
}

if (!customElements.get('bl-chart')) {
  customElements.define('bl-chart', BlChart);
}

declare global {
  interface HTMLElementTagNameMap {
    'bl-chart': BlChart;
  }
}
