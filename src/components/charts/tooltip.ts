// One tooltip look for every chart: light text on the dark panel, at AA contrast (recharts' default label and
// item colours are dark grey, unreadable on our background).
export const CHART_TOOLTIP = {
  contentStyle: { background: '#181b24', border: '1px solid #4a5266', color: '#e8e8ee' },
  labelStyle: { color: '#e8e8ee' },
  itemStyle: { color: '#e8e8ee' },
} as const;
