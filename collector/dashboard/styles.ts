/**
 * The dashboard's one stylesheet, served as a file (the pages' CSP allows styles from 'self' only).
 * Plain colours with strong contrast for old screens and projectors; a print sheet that drops the
 * forms and keeps every table.
 */
export const DASHBOARD_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 100%; line-height: 1.45; color: #0b0c0c; background: #ffffff; }
body { margin: 0; }
a { color: #1d4f91; }
a:visited { color: #4c2c92; }
a:hover { color: #0b0c0c; }
:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 0; box-shadow: 0 0 0 6px #ffdd00; }
.skip { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #ffdd00; color: #0b0c0c; }
.skip:focus { left: 0.5rem; top: 0.5rem; z-index: 10; }
.top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem 1.5rem; padding: 0.6rem 1rem; background: #0b0c0c; color: #ffffff; }
.top a, .top a:visited { color: #ffffff; }
.brand { margin: 0; font-weight: bold; font-size: 1.15rem; }
.langs ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.langs a[aria-current="true"] { font-weight: bold; text-decoration: none; border-bottom: 3px solid #ffdd00; }
main { display: block; max-width: 68rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
h1 { font-size: 1.8rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 0 0 0.5rem; }
section { margin: 1.5rem 0; padding-top: 1rem; border-top: 2px solid #b1b4b6; }
.meta { color: #383f43; margin: 0 0 0.5rem; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 0; }
.summary div { min-width: 10rem; }
.summary dt { color: #383f43; }
.summary dd { margin: 0; font-size: 1.6rem; font-weight: bold; }
.figure { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
.figure .chart { flex: 1 1 28rem; max-width: 40rem; height: auto; }
.figure table { flex: 1 1 16rem; max-width: 26rem; }
.note { color: #383f43; font-size: 0.95rem; max-width: 48rem; }
table { border-collapse: collapse; margin: 0.25rem 0 0.5rem; min-width: 16rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.35rem; }
th, td { text-align: left; padding: 0.3rem 0.75rem 0.3rem 0; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { border-top: 2px solid #0b0c0c; border-bottom: none; font-weight: bold; }
.held { font-style: italic; color: #383f43; }
.flag { display: inline-block; padding: 0.15rem 0.4rem; border-left: 5px solid #d4351c; background: #fdf0ee; }
.ok { color: #00703c; }
.table-scroll { max-width: 100%; overflow-x: auto; }
.chart .bar { fill: #1d4f91; }
.chart .axis { stroke: #0b0c0c; stroke-width: 1; }
.chart .gauge-track { fill: #e8eaec; stroke: #505a5f; }
.chart .target { stroke: #d4351c; stroke-width: 3; }
.chart-label, .chart-value { font-size: 13px; fill: #0b0c0c; }
.target-label { fill: #a82a17; font-weight: bold; }
.share { font-size: 1.15rem; }
.status { padding: 0.75rem 1rem; border-left: 6px solid #00703c; background: #eef7f1; max-width: 48rem; }
.problem { padding: 0.75rem 1rem; border-left: 6px solid #d4351c; background: #fdf0ee; max-width: 48rem; }
.code { font-family: "DejaVu Sans Mono", monospace; font-size: 2rem; letter-spacing: 0.1em; padding: 0.5rem 1rem; border: 2px dashed #0b0c0c; display: inline-block; }
.forms { display: flex; flex-wrap: wrap; gap: 1.5rem 3rem; }
.forms section { flex: 1 1 24rem; }
form .field { margin: 0 0 0.8rem; }
label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
input, button { font: inherit; }
input[type="text"], input[type="password"], input[type="number"], input[type="week"] { padding: 0.35rem 0.5rem; border: 2px solid #0b0c0c; border-radius: 0; min-width: 12rem; }
input[type="file"] { padding: 0.25rem 0; }
button { padding: 0.45rem 1.1rem; border: 2px solid #0b0c0c; border-radius: 0; background: #00703c; color: #ffffff; font-weight: bold; cursor: pointer; }
button.secondary { background: #f3f2f1; color: #0b0c0c; }
.inline-fields { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: flex-end; }
.inline-fields .field { margin: 0; }
@media print {
  .top, .skip, .no-print, form { display: none !important; }
  main { max-width: none; padding: 0; }
  section { break-inside: avoid; border-top: 1px solid #000; }
  .figure { display: block; }
  .chart .bar { fill: #444444; }
  a { color: #000; text-decoration: none; }
}
@page { margin: 1.5cm; }
`;

/** A tab icon, so that the browser's request for one is answered (and no error is logged). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0b0c0c"/><rect x="2" y="9" width="3" height="5" fill="#ffdd00"/><rect x="6.5" y="5" width="3" height="9" fill="#ffdd00"/><rect x="11" y="2" width="3" height="12" fill="#ffdd00"/></svg>`;
