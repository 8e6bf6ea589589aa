import type { MomentReport } from "../../common/api/moments.ts";

const WIDTH = 640;
const HEIGHT = 180;
const PADDING = 28;

// Firings over time as SVG bars, with a text equivalent for screen readers (the table below has the numbers too).
export function MomentsChart({ report }: { report: MomentReport }) {
  const series = report.series;
  const maximum = Math.max(1, ...series.map((bucket) => bucket.firings));
  const barWidth = series.length === 0 ? 0 : (WIDTH - PADDING * 2) / series.length;
  const label = (bucket: string) => (report.granularity === "hour" ? new Date(bucket).toLocaleString() : new Date(bucket).toLocaleDateString());
  const summary = series.length === 0 ? "No firings in this period." : series.map((bucket) => `${label(bucket.bucket)}: ${bucket.firings}`).join("; ");
  return (
    <figure className="moments-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Firings over time. ${summary}`}>
        <line x1={PADDING} y1={HEIGHT - PADDING} x2={WIDTH - PADDING} y2={HEIGHT - PADDING} className="moments-chart-axis" />
        <text x={4} y={PADDING} className="moments-chart-label">
          {maximum}
        </text>
        {series.map((bucket, index) => {
          const height = ((HEIGHT - PADDING * 2) * bucket.firings) / maximum;
          return (
            <rect key={bucket.bucket} x={PADDING + index * barWidth + 2} y={HEIGHT - PADDING - height} width={Math.max(1, barWidth - 4)} height={height} className="moments-chart-bar">
              <title>{`${label(bucket.bucket)}: ${bucket.firings}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>
        {report.total} {report.total === 1 ? "firing" : "firings"}, {report.helpful} marked helpful
      </figcaption>
    </figure>
  );
}
