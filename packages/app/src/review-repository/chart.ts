/**
 * A bar chart of counts by year as plain SVG geometry (the template draws it). The chart is
 * labelled as one image with a text description; the same numbers are in a table beside it.
 */
import type { YearCount } from './learning.ts';

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  value: number;
  labelY: number;
}

/** Bars for the reviews per year, scaled to a 600×240 drawing (axis labels below). */
export function yearBars(counts: YearCount[]): { width: number; height: number; bars: Bar[]; max: number } {
  const width = 600;
  const plot = 200;
  const max = Math.max(1, ...counts.map((c) => c.reviews));
  const slot = counts.length === 0 ? width : width / counts.length;
  const bars = counts.map((c, i) => {
    const h = Math.round((c.reviews / max) * (plot - 20));
    return {
      x: Math.round(i * slot + slot * 0.15),
      y: plot - h,
      width: Math.max(4, Math.round(slot * 0.7)),
      height: h,
      label: String(c.year),
      value: c.reviews,
      labelY: plot - h - 4,
    };
  });
  return { width, height: plot + 30, bars, max };
}
