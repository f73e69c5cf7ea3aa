import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/**
 * The statistics page's figures, drawn without touching the page's DOM: ECharts in its
 * server-side rendering mode returns an SVG string (no canvas, no animation, no inline event
 * handlers, nothing the strict CSP refuses), and the map is a d3-geo projection of the
 * world-atlas countries (shipped with the app, no tile server).
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

export interface ShareSeries {
  years: number[];
  share: Array<number | null>;
  un: Array<number | null>;
  program: Array<number | null>;
  labels: { share: string; un: string; program: string };
  percent: (value: number) => string;
}

export function womenShareSvg(series: ShareSeries, width = 760, height = 340): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans, sans-serif', color: '#333333' },
    legend: { top: 0, textStyle: { color: '#333333', fontSize: 14 } },
    grid: { left: 56, right: 24, top: 48, bottom: 40 },
    xAxis: {
      type: 'category',
      data: series.years.map(String),
      axisLabel: { color: '#333333' },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { color: '#333333', formatter: (v: number) => series.percent(v) },
    },
    series: [
      {
        name: series.labels.share,
        type: 'line',
        data: series.share,
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 3, color: '#26374a' },
        itemStyle: { color: '#26374a' },
      },
      {
        name: series.labels.un,
        type: 'line',
        step: 'end',
        data: series.un,
        symbol: 'none',
        lineStyle: { width: 2, type: 'dashed', color: '#a62a1e' },
        itemStyle: { color: '#a62a1e' },
      },
      {
        name: series.labels.program,
        type: 'line',
        data: series.program,
        symbol: 'none',
        lineStyle: { width: 2, type: 'dotted', color: '#2b4380' },
        itemStyle: { color: '#2b4380' },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** A palette with at least 3:1 contrast against white for each bar (WCAG 1.4.11). */
const barColours = [
  '#26374a',
  '#a62a1e',
  '#2b4380',
  '#6f4b00',
  '#005a5a',
  '#6b3f7a',
  '#4d4d4d',
  '#8a3b12',
];

export interface BarSeries {
  categories: string[];
  series: Array<{ name: string; data: number[] }>;
  number: (value: number) => string;
}

/** Stacked bars, one per category, a segment per series: a report's figures at a glance. */
export function stackedBarSvg(chart: BarSeries, width = 760, height = 360): string {
  const drawn = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  drawn.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans, sans-serif', color: '#333333' },
    legend: { top: 0, type: 'plain', textStyle: { color: '#333333', fontSize: 13 } },
    grid: { left: 56, right: 16, top: 24 + 22 * Math.ceil(chart.series.length / 4), bottom: 64 },
    xAxis: {
      type: 'category',
      data: chart.categories,
      axisLabel: { color: '#333333', rotate: chart.categories.length > 8 ? 45 : 0, interval: 0 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: '#333333', formatter: (v: number) => chart.number(v) },
    },
    series: chart.series.map((s, i) => ({
      name: s.name,
      type: 'bar',
      stack: 'all',
      data: s.data,
      itemStyle: { color: barColours[i % barColours.length] },
    })),
  });
  const svg = drawn.renderToSVGString();
  drawn.dispose();
  return svg;
}

export interface WorldMap {
  width: number;
  height: number;
  countries: Array<{ key: string; d: string; served: boolean; current: boolean; name: string }>;
}

/**
 * The world's countries as SVG paths, those served marked. `servedAlpha2` holds ISO 3166-1
 * alpha-2 codes (the program's country codes); world-atlas names countries by their numeric
 * code, and Kosovo (XK), which has none, by name.
 */
export async function worldMap(
  servedAlpha2: ReadonlySet<string>,
  /** Countries where officers serve now (a subset of those served). */
  currentAlpha2: ReadonlySet<string> = new Set(),
  width = 960,
  height = 500,
): Promise<WorldMap> {
  const atlas = (await import('world-atlas/countries-110m.json', { with: { type: 'json' } }))
    .default as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(atlas, atlas.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  const codes = (await import('i18n-iso-countries/codes.json', { with: { type: 'json' } }))
    .default as unknown as Array<[string, string, string]>;
  const served = new Set<string>();
  const current = new Set<string>();
  for (const [alpha2, , numeric] of codes) {
    if (servedAlpha2.has(alpha2)) served.add(numeric);
    if (currentAlpha2.has(alpha2)) current.add(numeric);
  }
  if (servedAlpha2.has('XK')) served.add('name:Kosovo');
  if (currentAlpha2.has('XK')) current.add('name:Kosovo');
  const projection = geoNaturalEarth1().fitSize([width, height], collection);
  const path = geoPath(projection);
  return {
    width,
    height,
    countries: collection.features.map((f: Feature<Geometry, { name: string }>, i) => {
      const key = f.id !== undefined ? String(f.id) : `name:${f.properties.name}`;
      return {
        key: `${key}-${i}`,
        d: path(f) ?? '',
        served: served.has(key) || current.has(key),
        current: current.has(key),
        name: f.properties.name,
      };
    }),
  };
}
