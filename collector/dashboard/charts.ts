import { html, type Html } from './html';

/**
 * Small SVG charts drawn on the server. Each is one image for assistive technology (role="img"
 * with a label saying what it shows); the table next to it carries the figures. A held-back figure
 * is drawn as a short hatched stub, never as a length, so a chart cannot give it away.
 */

export interface Bar {
  label: string;
  /** null: held back. */
  count: number | null;
}

/** The hatch for held-back figures; each chart carries its own copy so that ids stay unique per chart. */
function hatch(id: string): Html {
  return html`<defs><pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#505a5f" stroke-width="3"/></pattern></defs>`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars, one row per group, labels on the left and the figure (or the held-back word) on the right. */
export function horizontalBars(input: { id: string; label: string; bars: readonly Bar[]; heldWord: string; format: (n: number) => string }): Html {
  const width = 640;
  const labelWidth = 260;
  const valueWidth = 100;
  const rowHeight = 26;
  const barArea = width - labelWidth - valueWidth;
  const height = Math.max(1, input.bars.length) * rowHeight + 8;
  const max = Math.max(1, ...input.bars.map((bar) => bar.count ?? 0));
  const rows = input.bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const length = bar.count === null ? 10 : Math.max(bar.count > 0 ? 2 : 0, (bar.count / max) * barArea);
    return html`<g>
      <text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="chart-label">${shorten(bar.label, 32)}</text>
      <rect x="${labelWidth}" y="${y + 4}" width="${length.toFixed(1)}" height="${rowHeight - 8}" ${bar.count === null ? html`fill="url(#${input.id}-hatch)" stroke="#505a5f"` : html`class="bar"`}/>
      <text x="${labelWidth + length + 6}" y="${y + 17}" class="chart-value">${bar.count === null ? input.heldWord : input.format(bar.count)}</text>
    </g>`;
  });
  return html`<svg class="chart" role="img" aria-label="${input.label}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="xMinYMin meet" focusable="false">
    ${hatch(`${input.id}-hatch`)}${rows}
  </svg>`;
}

/** Vertical bars over weeks, the week written under every few bars so that labels never overlap. */
export function weekBars(input: { id: string; label: string; bars: readonly Bar[]; format: (n: number) => string }): Html {
  const plotHeight = 180;
  const top = 20;
  const bottom = 46;
  const left = 44;
  const slot = Math.max(8, Math.min(64, Math.floor(580 / Math.max(1, input.bars.length))));
  // A few weeks still get a chart of the usual width (bars stay slim), so charts line up.
  const width = Math.max(640, left + Math.max(1, input.bars.length) * slot + 10);
  const height = top + plotHeight + bottom;
  const max = Math.max(1, ...input.bars.map((bar) => bar.count ?? 0));
  const labelEvery = Math.ceil(70 / slot);
  const base = top + plotHeight;
  const bars = input.bars.map((bar, i) => {
    const x = left + i * slot + 2;
    const barWidth = slot - 4;
    const barHeight = bar.count === null ? 8 : (bar.count / max) * plotHeight;
    const label = i % labelEvery === 0 ? html`<text x="${x + barWidth / 2}" y="${base + 16}" text-anchor="middle" class="chart-label">${bar.label}</text>` : '';
    const value =
      bar.count !== null && bar.count > 0 && slot >= 24 ? html`<text x="${x + barWidth / 2}" y="${base - barHeight - 4}" text-anchor="middle" class="chart-value">${input.format(bar.count)}</text>` : '';
    return html`<g>
      <rect x="${x}" y="${(base - barHeight).toFixed(1)}" width="${barWidth}" height="${barHeight.toFixed(1)}" ${bar.count === null ? html`fill="url(#${input.id}-hatch)" stroke="#505a5f"` : html`class="bar"`}/>
      ${value}${label}
    </g>`;
  });
  return html`<svg class="chart" role="img" aria-label="${input.label}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="xMinYMin meet" focusable="false">
    ${hatch(`${input.id}-hatch`)}
    <line x1="${left}" y1="${base}" x2="${width - 6}" y2="${base}" class="axis"/>
    <text x="${left - 6}" y="${top + 4}" text-anchor="end" class="chart-label">${input.format(max)}</text>
    <text x="${left - 6}" y="${base}" text-anchor="end" class="chart-label">0</text>
    ${bars}
  </svg>`;
}

/** One bar from 0 to 100 %: the share of women filled in, the programme's target as a marked line. */
export function shareGauge(input: { label: string; share: number | null; target: number; targetText: string; format: (share: number) => string }): Html {
  const width = 640;
  const left = 10;
  const barWidth = width - 2 * left;
  const y = 26;
  const barHeight = 30;
  const targetX = left + input.target * barWidth;
  const fill = input.share === null ? '' : html`<rect x="${left}" y="${y}" width="${(input.share * barWidth).toFixed(1)}" height="${barHeight}" class="bar"/>`;
  const ticks = [0, 0.5, 1].map(
    (t) => html`<text x="${left + t * barWidth}" y="${y + barHeight + 18}" text-anchor="${t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}" class="chart-label">${input.format(t)}</text>`,
  );
  return html`<svg class="chart gauge" role="img" aria-label="${input.label}" viewBox="0 0 ${width} 84" width="${width}" height="84" preserveAspectRatio="xMinYMin meet" focusable="false">
    <rect x="${left}" y="${y}" width="${barWidth}" height="${barHeight}" class="gauge-track"/>
    ${fill}
    <line x1="${targetX}" y1="${y - 8}" x2="${targetX}" y2="${y + barHeight + 4}" class="target"/>
    <text x="${targetX}" y="${y - 12}" text-anchor="middle" class="chart-label target-label">${input.targetText}</text>
    ${ticks}
  </svg>`;
}
