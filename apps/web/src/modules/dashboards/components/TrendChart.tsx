import { useState } from 'react';
import { Space, Typography } from 'antd';

export interface Series {
  key: string;
  label: string;
  color: string;
}

/**
 * A small dependency-free SVG line chart: one line per series over days, a hover read-out,
 * scales to its container width (usable at 360 px).
 */
export function TrendChart<T extends { day: string }>({
  data,
  series,
  height = 200,
}: {
  data: T[];
  series: Series[];
  height?: number;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const width = 600;
  const pad = { top: 12, right: 12, bottom: 24, left: 32 };
  const values = data.flatMap((d) => series.map((s) => Number(d[s.key as keyof T]) || 0));
  const max = Math.max(1, ...values);
  const x = (i: number) =>
    pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, data.length - 1);
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const ticks = [0, Math.round(max / 2), max];
  const shown = hover ?? data.length - 1;
  return (
    <div>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label="趋势图"
        onMouseLeave={() => setHover(null)}
        onMouseMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const px = ((e.clientX - box.left) / box.width) * width;
          const i = Math.round(
            ((px - pad.left) / (width - pad.left - pad.right)) * (data.length - 1),
          );
          setHover(Math.min(data.length - 1, Math.max(0, i)));
        }}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#f0f0f0" />
            <text x={pad.left - 6} y={y(t) + 4} fontSize="11" textAnchor="end" fill="#8c8c8c">
              {t}
            </text>
          </g>
        ))}
        {data.map((d, i) =>
          i % 7 === 0 || i === data.length - 1 ? (
            <text
              key={d.day}
              x={x(i)}
              y={height - 6}
              fontSize="11"
              textAnchor="middle"
              fill="#8c8c8c"
            >
              {d.day.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={s.color}
            strokeWidth="2"
            points={data.map((d, i) => `${x(i)},${y(Number(d[s.key as keyof T]) || 0)}`).join(' ')}
          />
        ))}
        {data.length > 0 && (
          <line
            x1={x(shown)}
            x2={x(shown)}
            y1={pad.top}
            y2={height - pad.bottom}
            stroke="#d9d9d9"
            strokeDasharray="3 3"
          />
        )}
      </svg>
      {data[shown] && (
        <Space wrap size={16} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">{data[shown].day}</Typography.Text>
          {series.map((s) => (
            <span key={s.key}>
              <span
                style={{
                  display: 'inline-block',
                  width: 10,
                  height: 10,
                  background: s.color,
                  marginRight: 4,
                  borderRadius: 2,
                }}
              />
              {s.label} {Number(data[shown]![s.key as keyof T]) || 0}
            </span>
          ))}
        </Space>
      )}
    </div>
  );
}

/** Horizontal bars for shares (signing rate by college …). */
export function ShareBars({ rows }: { rows: { label: string; value: number; note?: string }[] }) {
  return (
    <div>
      {rows.map((r) => (
        <div key={r.label} style={{ marginBottom: 8 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
            <span>{r.label}</span>
            <span>
              {Math.round(r.value * 1000) / 10}%{' '}
              {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
            </span>
          </div>
          <div style={{ background: '#f0f0f0', borderRadius: 4, height: 8 }}>
            <div
              style={{
                width: `${Math.min(100, r.value * 100)}%`,
                background: '#1677ff',
                height: 8,
                borderRadius: 4,
              }}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
